import { beforeAll, describe, expect, it } from "vitest";
import type { LoadedEstate } from "../../src/io/join.js";
import { loadK8sAudit } from "../../src/io/k8s-audit/load.js";
import { datasetPath } from "../helpers/datasets.js";
import { type PairTotal, addAttempt, cellTotals } from "./helpers.js";
import {
  type RawEvent,
  countBy,
  rawAuditEntitlement,
  rawAuditEvents,
} from "./raw-logs.js";

// The samples are a real apiserver audit log (audit.k8s.io/v1beta1, 757
// events) and its 37-event rewrite as audit.k8s.io/v1. Expected counts
// come from reading the raw lines whole. Literal numbers pin the counts
// of these fixed samples, so that a change in the raw reading is caught
// too.

const complete = (events: readonly RawEvent[]) =>
  events.filter((event) => event.stage === "ResponseComplete");

/** The identity whose permissions were checked. */
const actor = (event: RawEvent): string =>
  event.impersonatedUser?.username ?? event.user.username;

const code = (event: RawEvent): number => event.responseStatus.code;
const counted = (event: RawEvent) => code(event) < 400 || code(event) === 403;

describe("loadK8sAudit on the v1beta1 demo log", () => {
  const path = datasetPath("k8s-audit", "audit2rbac-demo.jsonl");
  let raw: RawEvent[];
  let loaded: LoadedEstate;

  beforeAll(async () => {
    raw = rawAuditEvents(path);
    loaded = await loadK8sAudit(path);
  });

  it("reads every line", () => {
    expect(loaded.summary.eventsRead).toBe(raw.length);
    expect(loaded.summary.eventsRead).toBe(757);
  });

  it("counts one stage per request", () => {
    const requests = new Set(raw.map((event) => event.auditID));
    expect(complete(raw)).toHaveLength(requests.size);
    expect(requests.size).toBe(437);
    expect(loaded.summary.skipped.stage).toBe(raw.length - requests.size);
  });

  it("counts 403 responses as failures", () => {
    const forbidden = complete(raw).filter((event) => code(event) === 403);
    expect(forbidden).toHaveLength(11);
    expect(loaded.summary.failures).toBe(forbidden.length);
  });

  it("skips 404 responses as errored", () => {
    const missing = complete(raw).filter((event) => code(event) === 404);
    expect(loaded.summary.skipped.errored).toBe(missing.length);
    expect(loaded.summary.erroredCalls).toEqual({ "HTTP 404": 90 });
  });

  it("credits impersonated requests to the impersonated identity", () => {
    const requests = complete(raw).filter(counted);
    const impersonated = requests.filter((e) => e.impersonatedUser).length;
    const successes = requests.filter((event) => code(event) < 400).length;
    // Each impersonated request also credits the caller's impersonate.
    expect(loaded.summary.uses).toBe(successes + impersonated);
    expect(loaded.summary.eventsCounted).toBe(requests.length);
  });

  it("lists the caller and the impersonated identities", () => {
    const expected = new Set(complete(raw).filter(counted).map(actor));
    expected.add("system:admin");
    expect(new Set(loaded.parts.identities?.map((i) => i.id))).toEqual(
      expected,
    );
    expect(expected.size).toBe(4);
  });

  it("marks the service account by kind", () => {
    const kinds = Object.fromEntries(
      (loaded.parts.identities ?? []).map((i) => [i.id, i.kind]),
    );
    expect(kinds).toEqual({
      "user-0014": undefined,
      "user-0015": undefined,
      "system:admin": undefined,
      "system:serviceaccount:ns1:sa1": "service-account",
    });
  });

  it("names entitlements by verb and resource", () => {
    const expected = new Set(complete(raw).filter(counted).map(rawAuditEntitlement));
    expected.add("impersonate:core/users");
    expected.add("impersonate:core/serviceaccounts");
    expect(new Set(loaded.parts.entitlements?.map((e) => e.id))).toEqual(
      expected,
    );
    expect(new Set(complete(raw).map(rawAuditEntitlement)).size).toBe(41);
  });

  it("matches raw uses and failures per pair", () => {
    const expected = new Map<string, PairTotal>();
    for (const event of complete(raw).filter(counted)) {
      const key = `${actor(event)} ${rawAuditEntitlement(event)}`;
      addAttempt(expected, key, code(event) === 403);
      const target = event.impersonatedUser?.username;
      if (target === undefined) continue;
      const resource = target.startsWith("system:serviceaccount:")
        ? "serviceaccounts"
        : "users";
      const caller = event.user.username;
      addAttempt(expected, `${caller} impersonate:core/${resource}`, false);
    }
    expect(cellTotals(loaded.parts)).toEqual(expected);
  });

  it("puts every request on the api channel", () => {
    expect(loaded.summary.channels.api).toBe(
      loaded.summary.uses + loaded.summary.failures,
    );
    expect(loaded.summary.channels.service).toBe(0);
  });

  it("spans telemetry from first to last event", () => {
    expect(loaded.parts.telemetry?.from).toBe("2017-09-11T19:55:05.000Z");
    expect(loaded.parts.telemetry?.collectedAt).toBe("2017-09-11T20:29:04.000Z");
  });
});

describe("loadK8sAudit on the v1 demo log", () => {
  const path = datasetPath("k8s-audit", "audit2rbac-demo-v1.jsonl");
  let raw: RawEvent[];
  let loaded: LoadedEstate;

  beforeAll(async () => {
    raw = rawAuditEvents(path);
    loaded = await loadK8sAudit(path);
  });

  it("reads the v1 events with the v1beta1 time field", () => {
    expect(loaded.summary.eventsRead).toBe(37);
    expect(loaded.summary.eventsCounted).toBe(37);
    expect(loaded.parts.telemetry?.from).toBe("2017-09-11T19:55:05.000Z");
  });

  it("counts 200 as uses and 403 as failures", () => {
    const codes = countBy(raw, (event) => String(code(event)));
    expect(Object.fromEntries(codes)).toEqual({ "200": 26, "403": 11 });
    expect(loaded.summary.failures).toBe(11);
    // 26 requests plus the caller's impersonate on each of the 37.
    expect(loaded.summary.uses).toBe(26 + 37);
  });

  it("names the same entitlements as the raw log", () => {
    const expected = new Set(raw.map(rawAuditEntitlement));
    expect(expected.size).toBe(27);
    const ids = new Set(loaded.parts.entitlements?.map((e) => e.id));
    for (const id of expected) expect(ids.has(id)).toBe(true);
    expect(ids.size).toBe(27 + 2);
  });

  it("credits the impersonations to system:admin", () => {
    const admin = loaded.parts.records.filter(
      (record) => record.identity === "system:admin",
    );
    const byEntitlement = Object.fromEntries(
      admin.map((record) => [record.entitlement, record.uses]),
    );
    const targets = countBy(raw, (event) => event.impersonatedUser.username);
    expect(byEntitlement).toEqual({
      "impersonate:core/users":
        (targets.get("user-0014") ?? 0) + (targets.get("user-0015") ?? 0),
      "impersonate:core/serviceaccounts": targets.get(
        "system:serviceaccount:ns1:sa1",
      ),
    });
  });
});

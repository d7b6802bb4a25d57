import { beforeAll, describe, expect, it } from "vitest";
import { loadCloudTrail } from "../../src/io/cloudtrail/load.js";
import type { LoadedEstate } from "../../src/io/join.js";
import { datasetPath } from "../helpers/datasets.js";
import { type PairTotal, addAttempt, cellTotals } from "./helpers.js";
import {
  type RawEvent,
  countBy,
  isDenied,
  isErrored,
  rawChannel,
  rawCloudTrailEvents,
  rawEntitlement,
  rawIdentity,
} from "./raw-logs.js";

// The samples are real CloudTrail logs: `invictus` is 55 gzip delivery
// files `{"Records": [...]}`, `stratus` 35 plain JSON arrays. Expected
// counts come from reading the raw files whole (see raw-logs.ts). Literal
// numbers pin the counts of these fixed samples, so that a change in the
// raw reading is caught too.

const pairKey = (identity: string, entitlement: string) =>
  `${identity} ${entitlement}`;

/** Uses and failures per pair, counted on the raw events. */
function rawTotals(events: readonly RawEvent[], mergeAccounts = false) {
  const totals = new Map<string, PairTotal>();
  for (const event of events) {
    if (isErrored(event)) continue;
    const identity = rawIdentity(event, mergeAccounts);
    const key = pairKey(identity, rawEntitlement(event));
    addAttempt(totals, key, isDenied(event));
  }
  return totals;
}

describe("loadCloudTrail on the invictus delivery files", () => {
  const folder = datasetPath("cloudtrail", "invictus");
  let raw: RawEvent[];
  let loaded: LoadedEstate;

  beforeAll(async () => {
    raw = rawCloudTrailEvents(folder);
    loaded = await loadCloudTrail(folder);
  });

  it("reads every event of every file", () => {
    expect(loaded.summary.files).toBe(55);
    expect(loaded.summary.eventsRead).toBe(raw.length);
    expect(loaded.summary.eventsRead).toBe(2900);
  });

  it("counts denied events as failures", () => {
    const denied = raw.filter(isDenied).length;
    expect(denied).toBe(60);
    expect(loaded.summary.failures).toBe(denied);
  });

  it("skips errored calls by error code", () => {
    const errored = raw.filter(isErrored);
    expect(loaded.summary.skipped.errored).toBe(errored.length);
    const byCode = countBy(errored, (event) => event.errorCode);
    expect(loaded.summary.erroredCalls).toEqual(Object.fromEntries(byCode));
    expect(loaded.summary.erroredCalls.ThrottlingException).toBe(102);
  });

  it("counts successful calls as uses", () => {
    const successes = raw.filter((e) => e.errorCode === undefined).length;
    expect(loaded.summary.uses).toBe(successes);
    expect(loaded.summary.eventsCounted).toBe(successes + 60);
  });

  it("covers every identity of the log", () => {
    const all = new Set(raw.map((event) => rawIdentity(event)));
    expect(all.size).toBe(19);
    expect(new Set(loaded.parts.telemetry?.identities)).toEqual(all);
  });

  it("lists identities with counted calls", () => {
    const counted = new Set(
      raw.filter((e) => !isErrored(e)).map((e) => rawIdentity(e)),
    );
    const ids = new Set(loaded.parts.identities?.map((i) => i.id));
    expect(ids).toEqual(counted);
    expect(loaded.summary.identities).toBe(counted.size);
  });

  it("marks service-linked roles and services platform-managed", () => {
    const managed = loaded.parts.identities
      ?.filter((identity) => identity.kind === "platform-managed")
      .map((identity) => identity.id)
      .sort();
    const expected = new Set<string>();
    for (const event of raw) {
      if (isErrored(event)) continue;
      const id = rawIdentity(event);
      if (id.includes(":role/aws-service-role/")) expected.add(id);
      if (id.endsWith(".amazonaws.com")) expected.add(id);
    }
    expect(managed).toEqual([...expected].sort());
  });

  it("leaves the kind of users and other roles unknown", () => {
    const unknown = loaded.parts.identities
      ?.filter((identity) => identity.kind === undefined)
      .map((identity) => identity.id)
      .sort();
    const expected = new Set<string>();
    for (const event of raw) {
      const id = rawIdentity(event);
      if (isErrored(event) || id.includes("aws-service-role")) continue;
      if (/^arn:aws:iam::\d+:(user|role)\//.test(id)) expected.add(id);
    }
    expect(unknown).toEqual([...expected].sort());
    expect(unknown?.length).toBe(8);
  });

  it("names entitlements eventSource:eventName", () => {
    const counted = new Set(raw.filter((e) => !isErrored(e)).map(rawEntitlement));
    const ids = new Set(loaded.parts.entitlements?.map((e) => e.id));
    expect(ids).toEqual(counted);
    expect(ids.has("s3.amazonaws.com:GetBucketPolicy")).toBe(true);
  });

  it("matches raw uses and failures per pair", () => {
    expect(cellTotals(loaded.parts)).toEqual(rawTotals(raw));
  });

  it("counts channels as the log shows them", () => {
    const counted = raw.filter((event) => !isErrored(event));
    const channels = countBy(counted, rawChannel);
    expect(loaded.summary.channels).toEqual({
      interactive: channels.get("interactive") ?? 0,
      "non-interactive": 0,
      api: channels.get("api") ?? 0,
      service: channels.get("service") ?? 0,
    });
    expect(loaded.summary.channels.service).toBeGreaterThan(0);
    expect(loaded.summary.channels.interactive).toBeGreaterThan(0);
  });

  it("spans telemetry from first to last event", () => {
    const times = raw.map((event) => Date.parse(event.eventTime)).sort();
    const telemetry = loaded.parts.telemetry!;
    expect(Date.parse(telemetry.from!)).toBe(times[0]);
    expect(Date.parse(telemetry.collectedAt!)).toBe(times.at(-1));
    expect(telemetry.from).toBe("2023-07-10T11:42:18.000Z");
  });

  it("dates every used pair to its one day", () => {
    for (const record of loaded.parts.records) {
      if (record.uses === 0) expect(record.history).toBeUndefined();
      else expect(record.history).toEqual(["2023-07-10"]);
    }
  });

  it("grants exactly the pairs used without error", () => {
    const used = new Set(
      raw
        .filter((event) => event.errorCode === undefined)
        .map((event) => pairKey(rawIdentity(event), rawEntitlement(event))),
    );
    expect(loaded.summary.grantsSource).toBe("observed");
    for (const record of loaded.parts.records) {
      const key = pairKey(record.identity, record.entitlement);
      expect(record.granted).toBe(used.has(key));
    }
    expect(loaded.summary.grantedPairs).toBe(used.size);
  });

  it("credits errored calls as use on request", async () => {
    const withErrors = await loadCloudTrail(folder, { erroredCalls: "use" });
    const entitlements = new Set(raw.map(rawEntitlement));
    expect(entitlements.size).toBe(262);
    expect(withErrors.summary.entitlements).toBe(262);
    expect(withErrors.summary.identities).toBe(19);
    expect(withErrors.summary.uses).toBe(2900 - 60);
    expect(withErrors.summary.skipped.errored).toBe(0);
  });

});

describe("loadCloudTrail on the stratus JSON arrays", () => {
  const folder = datasetPath("cloudtrail", "stratus");
  let raw: RawEvent[];
  let loaded: LoadedEstate;

  beforeAll(async () => {
    raw = rawCloudTrailEvents(folder);
    loaded = await loadCloudTrail(folder);
  });

  it("reads every event of the arrays", () => {
    expect(loaded.summary.files).toBe(35);
    expect(loaded.summary.eventsRead).toBe(raw.length);
    expect(loaded.summary.eventsRead).toBe(310);
  });

  it("counts denied events as failures", () => {
    expect(loaded.summary.failures).toBe(raw.filter(isDenied).length);
    expect(loaded.summary.failures).toBe(51);
  });

  it("keeps identities of each account apart", () => {
    const all = new Set(raw.map((event) => rawIdentity(event)));
    expect(all.size).toBe(41);
    expect(new Set(loaded.parts.telemetry?.identities)).toEqual(all);
  });

  it("credits the SSO session to its role", () => {
    const ids = loaded.parts.identities?.map((identity) => identity.id);
    expect(ids).toContain(
      "arn:aws:iam::100000000043:role/aws-reserved/sso.amazonaws.com/" +
        "AWSReservedSSO_account-admin_599c9e90e350d2ff",
    );
    expect(ids?.some((id) => id.includes("user-0011"))).toBe(false);
  });

  it("marks the federated user a token", () => {
    const federated = loaded.parts.identities?.find((identity) =>
      identity.id.includes(":federated-user/"),
    );
    expect(federated).toEqual({
      id: "arn:aws:sts::100000000044:federated-user/user-0013",
      kind: "token",
    });
  });

  it("matches raw uses and failures per pair", () => {
    expect(cellTotals(loaded.parts)).toEqual(rawTotals(raw));
  });

  it("names entitlements eventSource:eventName", () => {
    const counted = new Set(raw.filter((e) => !isErrored(e)).map(rawEntitlement));
    expect(new Set(loaded.parts.entitlements?.map((e) => e.id))).toEqual(counted);
    expect(new Set(raw.map(rawEntitlement)).size).toBe(54);
  });

  it("merges randomised accounts on request", async () => {
    const merged = await loadCloudTrail(folder, { mergeAccounts: true });
    const all = new Set(raw.map((event) => rawIdentity(event, true)));
    expect(all.size).toBe(11);
    expect(merged.summary.identities).toBe(11);
    expect(new Set(merged.parts.identities?.map((i) => i.id))).toEqual(all);
    expect(cellTotals(merged.parts)).toEqual(rawTotals(raw, true));
  });

  it("counts the console sign-in as interactive", () => {
    const channels = countBy(raw.filter((e) => !isErrored(e)), rawChannel);
    expect(loaded.summary.channels.interactive).toBe(
      channels.get("interactive"),
    );
    expect(loaded.summary.channels.interactive).toBe(1);
    expect(loaded.summary.channels.api).toBe(channels.get("api"));
  });
});

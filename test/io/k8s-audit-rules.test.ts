import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventReading } from "../../src/io/activity-log/observed.js";
import type { Grant } from "../../src/io/grants.js";
import { k8sEntitlement } from "../../src/io/k8s-audit/entitlement.js";
import { readK8sAuditEvent } from "../../src/io/k8s-audit/event.js";
import { k8sIdentityKind } from "../../src/io/k8s-audit/identity.js";
import { loadK8sAudit, readK8sAudit } from "../../src/io/k8s-audit/load.js";
import { inputErrorOf } from "./helpers.js";

/** Builds a completed `list pods` request by `ana`, `fields` replaced. */
function auditEvent(fields: Record<string, unknown> = {}) {
  return {
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    level: "Metadata",
    auditID: "0b1c2d3e",
    stage: "ResponseComplete",
    requestURI: "/api/v1/namespaces/dev/pods?limit=500",
    verb: "list",
    user: { username: "ana", groups: ["system:authenticated"] },
    objectRef: { resource: "pods", namespace: "dev", apiVersion: "v1" },
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: "2024-05-01T10:00:00.000000Z",
    stageTimestamp: "2024-05-01T10:00:00.020000Z",
    ...fields,
  };
}

function attemptsOf(reading: EventReading) {
  if (reading.status !== "counted") {
    throw new Error(`expected a counted event, got ${reading.reason}`);
  }
  return reading.attempts;
}

describe("k8sIdentityKind", () => {
  it.each([
    ["system:serviceaccount:kube-system:coredns", "service-account"],
    ["system:node:worker-1", "device"],
    ["system:kube-scheduler", "platform-managed"],
    ["system:kube-controller-manager", "platform-managed"],
    ["system:apiserver", "platform-managed"],
    ["system:admin", undefined],
    ["system:anonymous", undefined],
    ["ana@example.org", undefined],
  ])("gives %s the kind %s", (username, kind) => {
    expect(k8sIdentityKind(username)).toBe(kind);
  });
});

describe("k8sEntitlement", () => {
  it("writes the core group as core", () => {
    expect(k8sEntitlement("list", { resource: "pods" }, "")).toBe(
      "list:core/pods",
    );
  });

  it("keeps a named group and a subresource", () => {
    const ref = { resource: "deployments", subresource: "scale", apiGroup: "apps" };
    expect(k8sEntitlement("update", ref, "")).toBe(
      "update:apps/deployments/scale",
    );
  });

  it("names a non-resource request by path", () => {
    expect(k8sEntitlement("get", undefined, "/apis/apps/v1?timeout=32s")).toBe(
      "get:/apis/apps/v1",
    );
  });

  it("scopes namespaced requests on request", () => {
    const ref = { resource: "pods", namespace: "dev" };
    expect(k8sEntitlement("list", ref, "", { namespaceScope: true })).toBe(
      "list:core/pods@dev",
    );
    expect(k8sEntitlement("list", ref, "")).toBe("list:core/pods");
  });

  it("leaves cluster-scoped requests unscoped", () => {
    const ref = { resource: "nodes" };
    expect(k8sEntitlement("list", ref, "", { namespaceScope: true })).toBe(
      "list:core/nodes",
    );
  });
});

describe("readK8sAuditEvent", () => {
  it("counts a 200 response as a use", () => {
    const [attempt] = attemptsOf(readK8sAuditEvent(auditEvent()));
    expect(attempt).toEqual({
      identity: { id: "ana", kind: undefined },
      entitlement: "list:core/pods",
      system: "kubernetes",
      channel: "api",
      outcome: "use",
      time: Date.parse("2024-05-01T10:00:00Z"),
    });
  });

  it("counts a 403 response as a failure", () => {
    const event = auditEvent({ responseStatus: { code: 403 } });
    const [attempt] = attemptsOf(readK8sAuditEvent(event));
    expect(attempt?.outcome).toBe("failure");
  });

  it("counts a 401 response as a failure", () => {
    const event = auditEvent({ responseStatus: { code: 401 } });
    const [attempt] = attemptsOf(readK8sAuditEvent(event));
    expect(attempt?.outcome).toBe("failure");
  });

  it("skips other stages", () => {
    const reading = readK8sAuditEvent(auditEvent({ stage: "RequestReceived" }));
    expect(reading).toMatchObject({ status: "skipped", reason: "stage" });
  });

  it("skips a 404 response as errored", () => {
    const reading = readK8sAuditEvent(
      auditEvent({ responseStatus: { code: 404 } }),
    );
    expect(reading).toMatchObject({
      status: "skipped",
      reason: "errored",
      errorCode: "HTTP 404",
    });
  });

  it("credits a 404 response as use on request", () => {
    const reading = readK8sAuditEvent(
      auditEvent({ responseStatus: { code: 404 } }),
      { erroredCalls: "use" },
    );
    expect(attemptsOf(reading)[0]?.outcome).toBe("use");
  });

  it("skips an event without a user", () => {
    const reading = readK8sAuditEvent(
      auditEvent({ user: {}, responseStatus: { code: 401 } }),
    );
    expect(reading).toMatchObject({
      status: "skipped",
      reason: "unresolvedIdentity",
    });
  });

  it("marks a service account by kind", () => {
    const event = auditEvent({
      user: { username: "system:serviceaccount:dev:builder" },
    });
    const [attempt] = attemptsOf(readK8sAuditEvent(event));
    expect(attempt?.identity).toEqual({
      id: "system:serviceaccount:dev:builder",
      kind: "service-account",
    });
  });

  it("credits impersonation to both identities", () => {
    const event = auditEvent({
      user: { username: "system:admin" },
      impersonatedUser: { username: "system:serviceaccount:ns1:sa1" },
      responseStatus: { code: 403 },
    });
    const attempts = attemptsOf(
      readK8sAuditEvent(event, { namespaceScope: true }),
    );
    expect(attempts.map((a) => [a.identity.id, a.entitlement, a.outcome])).toEqual([
      ["system:serviceaccount:ns1:sa1", "list:core/pods@dev", "failure"],
      ["system:admin", "impersonate:core/serviceaccounts@ns1", "use"],
    ]);
  });

  it("counts a rejected impersonation against the caller", () => {
    const event = auditEvent({
      user: { username: "ana" },
      responseStatus: {
        code: 403,
        message:
          'users "bob" is forbidden: User "ana" cannot impersonate ' +
          'resource "users" in API group "" at the cluster scope',
      },
    });
    const attempts = attemptsOf(readK8sAuditEvent(event));
    expect(attempts.map((a) => [a.identity.id, a.entitlement, a.outcome])).toEqual([
      ["ana", "impersonate:core/users", "failure"],
    ]);
  });

  it("falls back to the v1beta1 timestamp", () => {
    const event = auditEvent({
      requestReceivedTimestamp: undefined,
      stageTimestamp: undefined,
      timestamp: "2017-09-11T19:55:05Z",
    });
    expect(readK8sAuditEvent(event).time).toBe(Date.parse("2017-09-11T19:55:05Z"));
  });

  it("rejects a value that is not an audit event", () => {
    expect(() => readK8sAuditEvent({ Records: [] })).toThrow(
      'received nothing (the field is missing), expected "Event"',
    );
  });
});

describe("readK8sAudit files", () => {
  let folder: string;
  const file = (name: string) => join(folder, name);
  const lines = (...events: unknown[]) =>
    `${events.map((event) => JSON.stringify(event)).join("\n")}\n`;

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "rolemine-k8s-audit-"));
    writeFileSync(
      file("audit.log"),
      lines(auditEvent({ stage: "RequestReceived" }), auditEvent()),
    );
    writeFileSync(
      file("audit.log.gz"),
      gzipSync(lines(auditEvent(), auditEvent({ verb: "watch" }))),
    );
    writeFileSync(
      file("list.jsonl"),
      lines({
        kind: "EventList",
        apiVersion: "audit.k8s.io/v1",
        items: [auditEvent(), auditEvent({ verb: "get" })],
      }),
    );
    writeFileSync(
      file("bad-line.jsonl"),
      `${JSON.stringify(auditEvent())}\n\n{"kind": "Event", oops\n`,
    );
    writeFileSync(
      file("cloudtrail.json"),
      '{"Records": [{"eventName": "GetObject"}]}\n',
    );
    writeFileSync(
      file("bad-item.jsonl"),
      lines({ kind: "EventList", items: [auditEvent(), { kind: "Event" }] }),
    );
  });

  afterAll(() => rmSync(folder, { recursive: true }));

  const inputError = (path: string) => inputErrorOf(() => readK8sAudit(path));

  it("reads JSON lines one request at a time", async () => {
    const usage = await readK8sAudit(file("audit.log"));
    expect(usage.summary.eventsRead).toBe(2);
    expect(usage.summary.skipped.stage).toBe(1);
    expect(usage.pairs).toEqual([
      {
        identity: "ana",
        entitlement: "list:core/pods",
        channel: "api",
        uses: 1,
        lastUsedAt: "2024-05-01T10:00:00.000Z",
        failures: 0,
        lastFailureAt: undefined,
        days: ["2024-05-01"],
      },
    ]);
  });

  it("reads a gzip-compressed log", async () => {
    const usage = await readK8sAudit(file("audit.log.gz"));
    expect(usage.summary.uses).toBe(2);
  });

  it("reads the events of an EventList", async () => {
    const usage = await readK8sAudit(file("list.jsonl"));
    expect(usage.summary.eventsRead).toBe(2);
    expect(usage.entitlements.map((e) => e.id)).toEqual([
      "list:core/pods",
      "get:core/pods",
    ]);
  });

  it("names file and line of bad JSON", async () => {
    const error = await inputError(file("bad-line.jsonl"));
    expect(error.message).toContain(
      `Invalid Kubernetes audit log ${file("bad-line.jsonl")}`,
    );
    expect(error.issues[0]?.path).toBe("line 3");
    expect(error.issues[0]?.received).toBe('"{\\"kind\\": \\"Event\\", oops"');
    expect(error.issues[0]?.expected).toMatch(
      /^one JSON audit event per line \(/,
    );
  });

  it("rejects JSON that is not an audit log", async () => {
    const error = await inputError(file("cloudtrail.json"));
    expect(error.message).toContain(file("cloudtrail.json"));
    expect(error.issues[0]?.path).toBe("line 1, kind");
    expect(error.message).toContain("is this a Kubernetes audit log");
  });

  it("names the item of a bad EventList", async () => {
    const error = await inputError(file("bad-item.jsonl"));
    expect(error.issues[0]?.path).toBe("line 1, items.1.apiVersion");
  });

  it("rejects invalid grants before reading", async () => {
    const grants = [{ identity: "ana" }] as unknown as Grant[];
    const error = await inputErrorOf(() =>
      loadK8sAudit(file("missing.log"), { grants }),
    );
    expect(error.issues[0]?.path).toBe("0.entitlement");
  });

  it("joins the usage with grants", async () => {
    const { parts, summary } = await loadK8sAudit(file("audit.log"), {
      grants: [
        { identity: "ana", entitlement: "get:core/secrets" },
        { identity: "bob", entitlement: "list:core/pods" },
      ],
    });
    expect(summary.grantsSource).toBe("file");
    expect(summary.ungrantedUsedPairs).toBe(1);
    expect(summary.unusedGrantedPairs).toBe(1);
    expect(summary.unobservedGrantedPairs).toBe(1);
    const rows = parts.records.map((r) => [
      r.identity,
      r.entitlement,
      r.granted,
      r.uses,
    ]);
    expect(rows).toEqual([
      ["ana", "list:core/pods", false, 1],
      ["ana", "get:core/secrets", true, 0],
      ["bob", "list:core/pods", true, undefined],
    ]);
  });
});

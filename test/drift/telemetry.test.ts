import { describe, expect, it } from "vitest";
import type { UsageRecordInput } from "../../src/estate/schema.js";
import {
  ALICE,
  AS_OF,
  LONG_AGO,
  analyzeFrozen,
  findingOf,
  findingsAbout,
  neverUsed,
  recommendationsAbout,
} from "./fixtures.js";

/** A grant alice used in the window, so the estate carries usage. */
const usedGrant: UsageRecordInput = {
  identity: "alice",
  entitlement: "crm:read",
  uses: 3,
  lastUsedAt: "2026-06-01",
  grantedAt: LONG_AGO,
};

describe("telemetry coverage", () => {
  it("cell without usage data is unknown", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        usedGrant,
        { identity: "alice", entitlement: "wiki:read", grantedAt: LONG_AGO },
      ],
    });
    const finding = findingOf(report, "unobserved-grant", "alice", "wiki:read");
    expect(finding.verdict).toBe("unknown");
    expect(finding.reasons).toEqual(["no-usage-data"]);
    expect(finding.priority).toBe("low");
    expect(finding.evidence["uses"]).toBeNull();
    expect(finding.sentence).toBe(
      "The usage data cannot show whether alice uses wiki:read (no-usage-data).",
    );
    expect(recommendationsAbout(report, "alice")).toEqual([]);
  });

  it("identity outside telemetry is unknown", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      telemetry: { identities: ["alice"] },
      identities: [ALICE, { id: "dave", kind: "human", owner: "bob" }],
      records: [usedGrant, neverUsed("dave", "crm:read")],
    });
    const finding = findingOf(report, "unobserved-grant", "dave", "crm:read");
    expect(finding.reasons).toEqual(["identity-not-covered"]);
    expect(findingsAbout(report, "dave")).toHaveLength(1);
    expect(recommendationsAbout(report, "dave")).toEqual([]);
  });

  it("system outside telemetry is unknown", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      telemetry: { systems: ["crm"] },
      identities: [ALICE],
      entitlements: [
        { id: "crm:read", system: "crm" },
        { id: "erp:post", system: "erp" },
        { id: "legacy:admin", privilege: "critical" },
      ],
      records: [
        usedGrant,
        neverUsed("alice", "erp:post"),
        neverUsed("alice", "legacy:admin"),
      ],
    });
    const erp = findingOf(report, "unobserved-grant", "alice", "erp:post");
    expect(erp.reasons).toEqual(["system-not-covered"]);
    expect(erp.evidence["system"]).toBe("erp");
    // An entitlement without a system is outside a listed set of systems.
    const legacy = findingOf(report, "unobserved-grant", "alice", "legacy:admin");
    expect(legacy.reasons).toEqual(["system-not-covered"]);
    expect(report.summary.verdicts.unknown).toBe(2);
    expect(recommendationsAbout(report, "alice")).toEqual([]);
  });

  it("unobservable entitlement is unknown", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      entitlements: [{ id: "hsm:sign", observable: false }],
      records: [usedGrant, neverUsed("alice", "hsm:sign")],
    });
    const finding = findingOf(report, "unobserved-grant", "alice", "hsm:sign");
    expect(finding.reasons).toEqual(["entitlement-not-observable"]);
    expect(recommendationsAbout(report, "alice")).toEqual([]);
  });

  it("stale telemetry gives unknown, not dormant", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      // Collected 10 days before asOf; the default maximum age is 7.
      telemetry: { collectedAt: "2026-06-20" },
      identities: [ALICE],
      records: [usedGrant, neverUsed("alice", "erp:read")],
    });
    const finding = findingOf(report, "unobserved-grant", "alice", "erp:read");
    expect(finding.reasons).toEqual(["stale-telemetry"]);
    expect(report.summary.verdicts.used).toBe(1);
    expect(report.summary.verdicts.dormant).toBe(0);
    expect(recommendationsAbout(report, "alice")).toEqual([]);
  });

  it("telemetry at maximum age is fresh", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      telemetry: { collectedAt: "2026-06-23" },
      identities: [ALICE],
      records: [usedGrant, neverUsed("alice", "erp:read")],
    });
    const finding = findingOf(report, "dormant-grant", "alice", "erp:read");
    expect(finding.verdict).toBe("dormant");
  });

  it("telemetryMaxAgeDays widens freshness", () => {
    const report = analyzeFrozen(
      {
        asOf: AS_OF,
        telemetry: { collectedAt: "2026-06-20" },
        identities: [ALICE],
        records: [usedGrant, neverUsed("alice", "erp:read")],
      },
      { telemetryMaxAgeDays: 14 },
    );
    expect(findingOf(report, "dormant-grant", "alice", "erp:read").verdict).toBe(
      "dormant",
    );
    expect(report.settings.telemetryMaxAgeDays).toBe(14);
  });

  it("every blind spot is a reason", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      telemetry: { collectedAt: "2026-06-01", systems: ["crm"] },
      identities: [ALICE],
      entitlements: [
        { id: "crm:read", system: "crm" },
        { id: "hsm:sign", system: "hsm", observable: false },
      ],
      records: [usedGrant, { identity: "alice", entitlement: "hsm:sign" }],
    });
    const finding = findingOf(report, "unobserved-grant", "alice", "hsm:sign");
    expect(finding.reasons).toEqual([
      "entitlement-not-observable",
      "system-not-covered",
      "stale-telemetry",
      "no-usage-data",
    ]);
  });

  it("observed share excludes unknown and platform", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE, { id: "aks-agent", kind: "platform-managed" }],
      records: [
        usedGrant,
        neverUsed("alice", "erp:read"),
        { identity: "alice", entitlement: "wiki:read" },
        neverUsed("alice", "hr:read"),
        neverUsed("aks-agent", "k8s:nodes"),
      ],
    });
    expect(report.summary.verdicts).toEqual({
      used: 1,
      dormant: 2,
      "over-broad": 0,
      "insufficient-observation": 0,
      unknown: 1,
      "not-actionable": 1,
    });
    // Three of five grants could be judged.
    expect(report.summary.observedShare).toBe(0.6);
    expect(report.summary.notes).toContain(
      "The telemetry could judge 60 % of the grants; the rest are unknown, " +
        "not yet judgeable or not actionable, and are never proposed for removal.",
    );
  });

  it("fully observed estate has share 1", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [usedGrant, neverUsed("alice", "erp:read")],
    });
    expect(report.summary.observedShare).toBe(1);
    expect(report.summary.notes).toEqual([]);
  });

  it("estate without usage judges nothing", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        { identity: "alice", entitlement: "crm:read", grantedAt: LONG_AGO },
        { identity: "alice", entitlement: "erp:read", grantedAt: LONG_AGO },
      ],
    });
    expect(report.summary.verdicts.unknown).toBe(2);
    expect(report.summary.observedShare).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.recommendations).toEqual([]);
    expect(report.summary.notes[0]).toMatch(/^The input has grants but no usage/);
  });
});

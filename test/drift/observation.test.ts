import { describe, expect, it } from "vitest";
import type { EstateInput } from "../../src/estate/schema.js";
import {
  ALICE,
  AS_OF,
  analyzeFrozen,
  findingOf,
  findingsAbout,
  neverUsed,
  recommendationsAbout,
} from "./fixtures.js";

describe("observation window", () => {
  it("grant inside window is unjudgeable", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [neverUsed("alice", "crm:read", "2026-05-01")],
    });
    const finding = findingOf(report, "unjudgeable-grant", "alice", "crm:read");
    expect(finding.verdict).toBe("insufficient-observation");
    expect(finding.reasons).toEqual(["grant-younger-than-window"]);
    // 2026-05-01 + 90 days = 2026-07-30.
    expect(finding.evidence["judgeableAt"]).toBe("2026-07-30T00:00:00.000Z");
    expect(finding.sentence).toContain("it can be judged from 2026-07-30");
    expect(finding.priority).toBe("low");
    expect(report.summary.verdicts["insufficient-observation"]).toBe(1);
    expect(report.summary.verdicts.dormant).toBe(0);
    expect(report.recommendations).toEqual([]);
  });

  it("identity created inside window is unjudgeable", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [{ ...ALICE, createdAt: "2026-06-01" }],
      records: [
        { identity: "alice", entitlement: "crm:read", uses: 0, lastUsedAt: null },
      ],
    });
    const finding = findingOf(report, "unjudgeable-grant", "alice", "crm:read");
    expect(finding.reasons).toEqual(["identity-younger-than-window"]);
    // 2026-06-01 + 90 days = 2026-08-30.
    expect(finding.evidence["judgeableAt"]).toBe("2026-08-30T00:00:00.000Z");
    expect(findingsAbout(report, "alice", null)).toEqual([]);
    expect(recommendationsAbout(report, "alice")).toEqual([]);
  });

  it("telemetry starting inside window defers", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      telemetry: { from: "2026-05-15" },
      identities: [ALICE],
      records: [neverUsed("alice", "crm:read")],
    });
    const finding = findingOf(report, "unjudgeable-grant", "alice", "crm:read");
    expect(finding.reasons).toEqual(["telemetry-shorter-than-window"]);
    // 2026-05-15 + 90 days = 2026-08-13.
    expect(finding.evidence["judgeableAt"]).toBe("2026-08-13T00:00:00.000Z");
    expect(report.recommendations).toEqual([]);
  });

  it("latest of the three starts decides", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      telemetry: { from: "2026-04-20" },
      identities: [{ ...ALICE, createdAt: "2026-04-15" }],
      records: [neverUsed("alice", "crm:read", "2026-05-01")],
    });
    const finding = findingOf(report, "unjudgeable-grant", "alice", "crm:read");
    expect(finding.reasons).toEqual(["grant-younger-than-window"]);
    expect(finding.evidence["judgeableAt"]).toBe("2026-07-30T00:00:00.000Z");
  });

  it("grant on window start is judgeable", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [neverUsed("alice", "crm:read", "2026-04-01")],
    });
    const finding = findingOf(report, "dormant-grant", "alice", "crm:read");
    expect(finding.verdict).toBe("dormant");
    expect(finding.reasons).toEqual(["no-use-in-window"]);
    expect(finding.evidence["judgeableAt"]).toBeNull();
    expect(finding.evidence["windowStart"]).toBe("2026-04-01T00:00:00.000Z");
  });

  it("young grant with use is used", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [{ ...ALICE, createdAt: "2026-06-01" }],
      records: [
        {
          identity: "alice",
          entitlement: "crm:read",
          uses: 2,
          lastUsedAt: "2026-06-20",
          grantedAt: "2026-06-01",
        },
      ],
    });
    expect(report.summary.verdicts.used).toBe(1);
    expect(report.findings).toEqual([]);
  });

  it("shorter window judges the same grant", () => {
    const estate: EstateInput = {
      asOf: AS_OF,
      identities: [ALICE],
      records: [neverUsed("alice", "crm:read", "2026-05-01")],
    };
    // A 30-day window starts 2026-05-31, after the grant.
    const report = analyzeFrozen(estate, { windowDays: 30 });
    const finding = findingOf(report, "dormant-grant", "alice", "crm:read");
    expect(finding.evidence["windowStart"]).toBe("2026-05-31T00:00:00.000Z");
    expect(recommendationsAbout(report, "alice", "crm:read")[0]?.kind).toBe(
      "revoke-grant",
    );
  });

  it("unjudgeable grants keep identity from dormancy", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        neverUsed("alice", "crm:read"),
        neverUsed("alice", "erp:read", "2026-06-15"),
      ],
    });
    expect(report.summary.verdicts.dormant).toBe(1);
    expect(report.summary.verdicts["insufficient-observation"]).toBe(1);
    expect(findingsAbout(report, "alice", null)).toEqual([]);
    const kinds = recommendationsAbout(report, "alice").map((r) => r.kind);
    expect(kinds).toEqual(["revoke-grant"]);
  });
});

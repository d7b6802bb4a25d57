import { describe, expect, it } from "vitest";
import {
  ALICE,
  AS_OF,
  LONG_AGO,
  analyzeFrozen,
  findingOf,
  neverUsed,
  recommendationFor,
} from "./fixtures.js";

describe("usage credit", () => {
  it("failed attempts are risk, not use", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        {
          identity: "alice",
          entitlement: "crm:export",
          uses: 0,
          lastUsedAt: null,
          failures: 4,
          lastFailureAt: "2026-06-20",
          grantedAt: LONG_AGO,
        },
      ],
    });
    expect(report.summary.verdicts.used).toBe(0);
    const finding = findingOf(report, "dormant-grant", "alice", "crm:export");
    expect(finding.verdict).toBe("dormant");
    expect(finding.reasons).toEqual(["no-use-in-window", "failed-attempts"]);
    expect(finding.priority).toBe("high");
    expect(finding.evidence["failedAttempts"]).toBe(4);
    expect(finding.evidence["lastFailureAt"]).toBe("2026-06-20T00:00:00.000Z");
    expect(finding.sentence).toContain("with 4 denied attempts");
    const recommendation = recommendationFor(report, finding);
    expect(recommendation?.kind).toBe("revoke-grant");
    expect(recommendation?.priority).toBe("high");
    expect(recommendation?.escalation).toBe(true);
  });

  it("dormant grant without failures ranks low", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        {
          identity: "alice",
          entitlement: "crm:export",
          uses: 0,
          lastUsedAt: null,
          failures: 0,
          grantedAt: LONG_AGO,
        },
      ],
    });
    const finding = findingOf(report, "dormant-grant", "alice", "crm:export");
    expect(finding.reasons).toEqual(["no-use-in-window"]);
    expect(finding.priority).toBe("low");
    expect(recommendationFor(report, finding)?.escalation).toBe(false);
  });

  it("alias use credits the identity", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [{ ...ALICE, aliases: ["alice@corp.example", "AKIA-ALICE"] }],
      records: [
        neverUsed("alice", "crm:read"),
        {
          identity: "alice@corp.example",
          entitlement: "crm:read",
          uses: 2,
          lastUsedAt: "2026-06-01",
        },
      ],
    });
    expect(report.input.identities).toBe(1);
    expect(report.input.aliasedRecords).toBe(1);
    expect(report.input.mergedRecords).toBe(1);
    expect(report.summary.verdicts.used).toBe(1);
    expect(report.findings).toEqual([]);
  });

  it("aliases add their uses together", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [{ ...ALICE, aliases: ["AKIA-ALICE"] }],
      records: [
        {
          identity: "alice",
          entitlement: "crm:export",
          uses: 0,
          lastUsedAt: null,
          failures: 1,
          grantedAt: LONG_AGO,
        },
        {
          identity: "AKIA-ALICE",
          entitlement: "crm:export",
          uses: 0,
          failures: 2,
          lastFailureAt: "2026-06-02",
        },
      ],
    });
    const finding = findingOf(report, "dormant-grant", "alice", "crm:export");
    // Failed attempts add up over aliases: 1 + 2.
    expect(finding.evidence["failedAttempts"]).toBe(3);
    expect(finding.evidence["uses"]).toBe(0);
  });

  it("telemetry of an alias covers identity", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      telemetry: { identities: ["AKIA-ALICE"] },
      identities: [{ ...ALICE, aliases: ["AKIA-ALICE"] }],
      records: [neverUsed("alice", "crm:export")],
    });
    expect(findingOf(report, "dormant-grant", "alice", "crm:export").verdict).toBe(
      "dormant",
    );
  });

  it("use on any channel counts", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        {
          identity: "alice",
          entitlement: "crm:read",
          channel: "interactive",
          uses: 0,
          lastUsedAt: null,
          grantedAt: LONG_AGO,
        },
        {
          identity: "alice",
          entitlement: "crm:read",
          channel: "api",
          uses: 7,
          lastUsedAt: "2026-06-29",
        },
      ],
    });
    expect(report.summary.verdicts.used).toBe(1);
    expect(report.findings).toEqual([]);
  });

  it("idle on every channel is dormant", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        {
          identity: "alice",
          entitlement: "crm:read",
          channel: "interactive",
          uses: 0,
          lastUsedAt: null,
          grantedAt: LONG_AGO,
        },
        { identity: "alice", entitlement: "crm:read", channel: "api", uses: 0 },
      ],
    });
    const finding = findingOf(report, "dormant-grant", "alice", "crm:read");
    expect(finding.evidence["channels"]).toEqual(["interactive", "api"]);
  });

  it("dated history alone shows use", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        {
          identity: "alice",
          entitlement: "crm:read",
          history: ["2026-06-01", "2026-06-10", "2026-06-20"],
          grantedAt: LONG_AGO,
        },
      ],
    });
    expect(report.summary.verdicts.used).toBe(1);
    expect(report.findings).toEqual([]);
  });

  it("old dated history is no use", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        {
          identity: "alice",
          entitlement: "crm:read",
          history: ["2025-10-01", "2025-11-15"],
          grantedAt: LONG_AGO,
        },
      ],
    });
    const finding = findingOf(report, "dormant-grant", "alice", "crm:read");
    expect(finding.reasons).toEqual(["last-use-older-than-threshold"]);
    expect(finding.evidence["lastUsedAt"]).toBe("2025-11-15T00:00:00.000Z");
    // 2025-11-15 to 2026-06-30: 15 + 31 + 31 + 28 + 31 + 30 + 31 + 30 days.
    expect(finding.evidence["daysSinceLastUse"]).toBe(227);
  });

  it("use before window is not use", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        {
          identity: "alice",
          entitlement: "crm:read",
          uses: 0,
          lastUsedAt: "2026-03-01",
          grantedAt: LONG_AGO,
        },
      ],
    });
    const finding = findingOf(report, "dormant-grant", "alice", "crm:read");
    expect(finding.reasons).toEqual(["last-use-older-than-threshold"]);
    // 2026-03-01 to 2026-06-30: 30 + 30 + 31 + 30 days.
    expect(finding.evidence["daysSinceLastUse"]).toBe(121);
    expect(finding.sentence).toBe(
      "alice made no successful use of crm:read in the 90-day window " +
        "ending 2026-06-30 (last used 2026-03-01, 121 days ago); " +
        "1 of 1 identities in cluster 0 hold it.",
    );
  });
});

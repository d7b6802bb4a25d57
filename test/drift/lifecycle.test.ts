import { describe, expect, it } from "vitest";
import type { IdentityInput, UsageRecordInput } from "../../src/estate/schema.js";
import type { AnalyzeOptions } from "../../src/pipeline/analyze.js";
import {
  AS_OF,
  LONG_AGO,
  analyzeFrozen,
  findingOf,
  findingsAbout,
  neverUsed,
  recommendationFor,
  recommendationsAbout,
  usedRecently,
} from "./fixtures.js";

/** Analyzes one identity; by default its one grant, crm:read, is used. */
function analyzeIdentity(
  identity: IdentityInput,
  records?: UsageRecordInput[],
  options?: AnalyzeOptions,
) {
  return analyzeFrozen(
    {
      asOf: AS_OF,
      identities: [identity],
      records: records ?? [
        usedRecently(identity.id, "crm:read"),
      ],
    },
    options,
  );
}

describe("ownerless identities", () => {
  it("non-human identity without owner needs one", () => {
    const report = analyzeIdentity({ id: "svc-etl", kind: "service-account" });
    const finding = findingOf(report, "ownerless-identity", "svc-etl");
    expect(finding.priority).toBe("high");
    expect(finding.verdict).toBe("used");
    expect(finding.evidence["owner"]).toBeNull();
    expect(finding.sentence).toBe(
      "svc-etl (service-account) has no owner to answer for its 1 grants.",
    );
    const recommendation = recommendationFor(report, finding);
    expect(recommendation?.kind).toBe("assign-owner");
    expect(recommendation?.escalation).toBe(true);
  });

  it("owner stated as none needs one", () => {
    const report = analyzeIdentity({ id: "carl", kind: "human", owner: null });
    expect(findingOf(report, "ownerless-identity", "carl").type).toBe(
      "ownerless-identity",
    );
  });

  it("human without owner field is fine", () => {
    const report = analyzeIdentity({ id: "hank", kind: "human" });
    expect(report.findings).toEqual([]);
  });

  it("identity of unknown kind is fine", () => {
    const report = analyzeIdentity({ id: "x-17" });
    expect(report.findings).toEqual([]);
  });

  it("non-human identity with owner is fine", () => {
    const report = analyzeIdentity({
      id: "svc-etl",
      kind: "workload",
      owner: "data-team",
    });
    expect(report.findings).toEqual([]);
  });
});

describe("expired identities", () => {
  it("expired but active is reviewed", () => {
    const report = analyzeIdentity({
      id: "contractor",
      kind: "human",
      owner: "bob",
      expiresAt: "2026-06-01",
    });
    const finding = findingOf(report, "expired-identity", "contractor");
    expect(finding.priority).toBe("high");
    expect(finding.evidence["daysSinceExpiry"]).toBe(29);
    expect(finding.score).toBe(29);
    expect(finding.sentence).toBe(
      "contractor expired on 2026-06-01 (29 days ago) but is still active.",
    );
    expect(recommendationFor(report, finding)?.kind).toBe("review-identity");
  });

  it("expired and inactive is fine", () => {
    const report = analyzeIdentity({
      id: "leaver",
      kind: "human",
      owner: "bob",
      expiresAt: "2026-06-01",
      active: false,
    });
    expect(report.findings).toEqual([]);
  });

  it("expiry on asOf is not expired", () => {
    const report = analyzeIdentity({
      id: "renewal",
      kind: "human",
      owner: "bob",
      expiresAt: "2026-06-30",
    });
    expect(report.findings).toEqual([]);
  });
});

describe("stale credentials", () => {
  it("credential older than policy is rotated", () => {
    const report = analyzeIdentity({
      id: "key-1",
      kind: "api-key",
      owner: "partners",
      credentialRotatedAt: "2026-01-01",
    });
    const finding = findingOf(report, "stale-credential", "key-1");
    expect(finding.priority).toBe("medium");
    expect(finding.evidence["credentialAgeDays"]).toBe(180);
    expect(finding.evidence["rotationDays"]).toBe(90);
    // 180 days old, 90 past the policy.
    expect(finding.score).toBe(90);
    expect(finding.sentence).toBe(
      "key-1's credential was last rotated 180 days ago, beyond the " +
        "90-day rotation policy.",
    );
    expect(recommendationFor(report, finding)?.kind).toBe("rotate-credential");
  });

  it("credential at policy age is fine", () => {
    const report = analyzeIdentity({
      id: "key-2",
      kind: "api-key",
      owner: "partners",
      credentialRotatedAt: "2026-04-01",
    });
    expect(report.findings).toEqual([]);
  });

  it("rotationDays sets the policy", () => {
    const report = analyzeIdentity(
      {
        id: "key-3",
        kind: "api-key",
        owner: "partners",
        credentialRotatedAt: "2026-01-01",
      },
      undefined,
      { rotationDays: 365 },
    );
    expect(report.findings).toEqual([]);
  });
});

describe("dormant identities", () => {
  it("identity with no use is reviewed", () => {
    const report = analyzeIdentity({ id: "idle", kind: "human", owner: "bob" }, [
      neverUsed("idle", "crm:read"),
      neverUsed("idle", "erp:read"),
    ]);
    const finding = findingOf(report, "dormant-identity", "idle");
    expect(finding.verdict).toBe("dormant");
    expect(finding.priority).toBe("medium");
    expect(finding.evidence).toMatchObject({
      grants: 2,
      usedGrants: 0,
      dormantGrants: 2,
      windowDays: 90,
    });
    expect(finding.sentence).toBe(
      "idle made no successful use of any of its 2 grants in the 90-day window.",
    );
    expect(recommendationFor(report, finding)?.kind).toBe("review-identity");
  });

  it("unknown grant blocks identity dormancy", () => {
    const report = analyzeIdentity({ id: "half", kind: "human", owner: "bob" }, [
      neverUsed("half", "crm:read"),
      { identity: "half", entitlement: "wiki:read", grantedAt: LONG_AGO },
    ]);
    expect(findingsAbout(report, "half", null)).toEqual([]);
    const kinds = recommendationsAbout(report, "half").map((r) => r.kind);
    expect(kinds).toEqual(["revoke-grant"]);
  });

  it("one used grant keeps identity active", () => {
    const report = analyzeIdentity({ id: "busy", kind: "human", owner: "bob" }, [
      neverUsed("busy", "erp:read"),
      usedRecently("busy", "crm:read"),
    ]);
    expect(findingsAbout(report, "busy", null)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { VERDICTS } from "../../src/drift/types.js";
import type { EstateInput } from "../../src/estate/schema.js";
import {
  AS_OF,
  LONG_AGO,
  analyzeFrozen,
  neverUsed,
  usedRecently,
} from "./fixtures.js";

/** One estate that yields all verdicts but over-broad, and most finding types. */
const estate: EstateInput = {
  asOf: AS_OF,
  telemetry: { identities: ["alice", "svc-etl", "bg-admin", "eks-node"] },
  identities: [
    { id: "alice", kind: "human", owner: "bob", expiresAt: "2026-06-01" },
    { id: "svc-etl", kind: "workload", credentialRotatedAt: "2025-06-01" },
    { id: "bg-admin", kind: "human", owner: "security", breakGlass: true },
    { id: "eks-node", kind: "platform-managed" },
    { id: "dave", kind: "human", owner: "bob" },
  ],
  entitlements: [{ id: "prod:admin", privilege: "critical" }],
  records: [
    usedRecently("alice", "crm:read"),
    neverUsed("alice", "erp:post"),
    { identity: "alice", entitlement: "hr:read", uses: 0, grantedAt: "2026-06-01" },
    { identity: "svc-etl", entitlement: "grp-ops", grantedAt: LONG_AGO },
    { ...neverUsed("svc-etl", "prod:admin"), via: "grp-ops" },
    usedRecently("svc-etl", "queue:read"),
    neverUsed("bg-admin", "prod:admin"),
    { identity: "eks-node", entitlement: "ec2:describe", uses: 0, lastUsedAt: null },
    neverUsed("dave", "crm:read"),
  ],
};

describe("drift report contract", () => {
  const report = analyzeFrozen(estate);

  it("every grant has exactly one verdict", () => {
    // Dormant: erp:post, grp-ops, prod:admin through grp-ops, bg-admin's
    // prod:admin. dave is outside the telemetry; hr:read is 29 days old.
    expect(report.summary.verdicts).toEqual({
      used: 2,
      dormant: 4,
      "over-broad": 0,
      "insufficient-observation": 1,
      unknown: 1,
      "not-actionable": 1,
    });
    expect(report.summary.grants).toBe(9);
  });

  it("every finding has a verdict", () => {
    expect(report.findings.length).toBeGreaterThan(8);
    for (const finding of report.findings) {
      expect(VERDICTS).toContain(finding.verdict);
      expect(finding.reasons.length).toBeGreaterThan(0);
      expect(finding.sentence).toMatch(/\.$/);
    }
  });

  it("every recommendation is advisory and pending", () => {
    expect(report.recommendations.length).toBeGreaterThan(4);
    for (const recommendation of report.recommendations) {
      expect(recommendation.status).toBe("advisory");
      expect(recommendation.requiresHumanReview).toBe(true);
      expect(recommendation.review.state).toBe("pending");
    }
  });

  it("removals rest only on dormant grants", () => {
    const findings = new Map(report.findings.map((f) => [f.id, f]));
    const removals = report.recommendations.filter(
      (r) => r.kind === "revoke-grant" || r.kind === "remove-membership",
    );
    expect(removals.map((r) => [r.target.identity, r.target.entitlement])).toEqual([
      ["svc-etl", "grp-ops"],
      ["alice", "erp:post"],
    ]);
    for (const removal of removals) {
      expect(findings.get(removal.findings[0]!)?.verdict).toBe("dormant");
    }
  });

  it("same input gives the same report", () => {
    expect(analyzeFrozen(estate)).toEqual(report);
  });
});

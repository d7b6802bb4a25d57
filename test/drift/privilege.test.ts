import { describe, expect, it } from "vitest";
import {
  AS_OF,
  LONG_AGO,
  analyzeFrozen,
  findingOf,
  findingsAbout,
  neverUsed,
  recommendationsAbout,
  usedRecently,
} from "./fixtures.js";

const entitlements = [
  { id: "crm:read", privilege: "low" },
  { id: "wiki:edit", privilege: "medium" },
  { id: "db:write", privilege: "high" },
  { id: "prod:admin", privilege: "critical" },
] as const;

describe("privileged grants", () => {
  const report = analyzeFrozen({
    asOf: AS_OF,
    identities: [{ id: "alice", kind: "human", owner: "bob" }],
    entitlements: [...entitlements],
    records: [
      neverUsed("alice", "crm:read"),
      neverUsed("alice", "wiki:edit"),
      neverUsed("alice", "db:write"),
      neverUsed("alice", "prod:admin", "2026-03-01"),
      usedRecently("alice", "mail:send"),
    ],
  });

  it("privilege level sets the priority", () => {
    const priorities = report.findings.map((f) => [f.entitlement, f.priority, f.score]);
    // Scores: 2025-01-01 is 545 idle days, 2026-03-01 is 121:
    // (1 + 455) × 1, 2 and 4; (1 + 31) × 8.
    expect(priorities).toEqual([
      ["prod:admin", "critical", 256],
      ["db:write", "high", 1824],
      ["wiki:edit", "low", 912],
      ["crm:read", "low", 456],
    ]);
  });

  it("privileged removals need escalation", () => {
    const escalation = report.recommendations.map((r) => [
      r.kind,
      r.target.entitlement,
      r.priority,
      r.escalation,
    ]);
    expect(escalation).toEqual([
      ["revoke-grant", "prod:admin", "critical", true],
      ["revoke-grant", "db:write", "high", true],
      ["revoke-grant", "wiki:edit", "low", false],
      ["revoke-grant", "crm:read", "low", false],
    ]);
  });

  it("evidence names the privilege level", () => {
    const finding = findingOf(report, "dormant-grant", "alice", "prod:admin");
    expect(finding.evidence["privilege"]).toBe("critical");
  });
});

describe("break-glass identities", () => {
  const report = analyzeFrozen({
    asOf: AS_OF,
    identities: [{ id: "bg-admin", kind: "human", owner: "security", breakGlass: true }],
    entitlements: [...entitlements],
    records: [neverUsed("bg-admin", "prod:admin"), neverUsed("bg-admin", "crm:read")],
  });

  it("dormant break-glass grant is attested", () => {
    const finding = findingOf(report, "dormant-grant", "bg-admin", "prod:admin");
    const [recommendation] = recommendationsAbout(report, "bg-admin", "prod:admin");
    expect(recommendation?.kind).toBe("attest");
    expect(recommendation?.findings).toEqual([finding.id]);
    expect(recommendation?.priority).toBe("critical");
    expect(recommendation?.escalation).toBe(true);
  });

  it("break-glass identity is never revoked", () => {
    const kinds = recommendationsAbout(report, "bg-admin").map((r) => [
      r.kind,
      r.target.entitlement,
    ]);
    expect(kinds).toEqual([
      ["attest", "prod:admin"],
      ["attest", null],
      ["attest", "crm:read"],
    ]);
  });

  it("break-glass identity gets its own finding", () => {
    const finding = findingOf(report, "break-glass-identity", "bg-admin");
    expect(finding.priority).toBe("medium");
    expect(finding.verdict).toBe("dormant");
    const dormant = findingOf(report, "dormant-identity", "bg-admin");
    expect(dormant.priority).toBe("low");
  });
});

describe("break-glass memberships", () => {
  it("idle break-glass membership is attested", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [{ id: "bg-ops", kind: "human", owner: "security", breakGlass: true }],
      entitlements: [...entitlements],
      records: [
        { identity: "bg-ops", entitlement: "grp-admins", grantedAt: LONG_AGO },
        { ...neverUsed("bg-ops", "prod:admin"), via: "grp-admins" },
      ],
    });
    const finding = findingOf(report, "idle-membership", "bg-ops", "grp-admins");
    const recommendation = recommendationsAbout(report, "bg-ops", "grp-admins")[0];
    expect(recommendation?.kind).toBe("attest");
    expect(recommendation?.findings).toEqual([finding.id]);
    expect(recommendation?.escalation).toBe(true);
    const kinds = new Set(recommendationsAbout(report, "bg-ops").map((r) => r.kind));
    expect([...kinds]).toEqual(["attest"]);
  });
});

describe("platform-managed identities", () => {
  const report = analyzeFrozen({
    asOf: AS_OF,
    identities: [
      {
        id: "eks-node-role",
        kind: "platform-managed",
        owner: null,
        expiresAt: "2026-01-01",
        credentialRotatedAt: "2025-01-01",
      },
    ],
    entitlements: [...entitlements],
    records: [
      neverUsed("eks-node-role", "ec2:describe"),
      neverUsed("eks-node-role", "prod:admin"),
    ],
  });

  it("platform grants are not actionable", () => {
    const findings = findingsAbout(report, "eks-node-role");
    // Same priority: the critical grant's weight 8 ranks it first.
    expect(findings.map((f) => [f.type, f.entitlement, f.verdict, f.score])).toEqual([
      ["not-actionable-grant", "prod:admin", "not-actionable", 8],
      ["not-actionable-grant", "ec2:describe", "not-actionable", 1],
    ]);
    expect(findings[1]?.reasons).toEqual(["platform-managed"]);
    expect(findings[1]?.sentence).toBe(
      "eks-node-role is managed by the platform, so its grant of " +
        "ec2:describe is listed but not actionable.",
    );
    expect(report.summary.verdicts["not-actionable"]).toBe(2);
  });

  it("platform identity gets no recommendation", () => {
    expect(report.recommendations).toEqual([]);
  });
});

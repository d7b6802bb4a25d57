import { describe, expect, it } from "vitest";
import type { EstateInput, UsageRecordInput } from "../../src/estate/schema.js";
import {
  AS_OF,
  LONG_AGO,
  analyzeFrozen,
  findingOf,
  findingsAbout,
  recommendationFor,
  recommendationsAbout,
  usedRecently,
} from "./fixtures.js";

/** 180 days before `AS_OF`: 31 + 28 + 31 + 30 + 31 + 29. */
const JOINED = "2026-01-01";

const through = (
  identity: string,
  entitlement: string,
  usage: Partial<UsageRecordInput> = { uses: 0, lastUsedAt: null },
): UsageRecordInput => ({
  identity,
  entitlement,
  via: "grp-data",
  grantedAt: JOINED,
  ...usage,
});

const membership = (identity: string, grantedAt = JOINED): UsageRecordInput => ({
  identity,
  entitlement: "grp-data",
  grantedAt,
});

/**
 * alice is an idle member of grp-data who uses mail:send directly. carol
 * uses s3:read through the group and leaves s3:write idle.
 */
const estate: EstateInput = {
  asOf: AS_OF,
  identities: [
    { id: "alice", kind: "human", owner: "bob" },
    { id: "carol", kind: "human", owner: "bob" },
  ],
  entitlements: [
    { id: "grp-data" },
    { id: "s3:read", privilege: "low" },
    { id: "s3:write", privilege: "high" },
  ],
  records: [
    membership("alice"),
    through("alice", "s3:read"),
    through("alice", "s3:write"),
    usedRecently("alice", "mail:send"),
    membership("carol"),
    through("carol", "s3:read", { uses: 4, lastUsedAt: "2026-06-15" }),
    through("carol", "s3:write"),
  ],
};

describe("group memberships", () => {
  const report = analyzeFrozen(estate);

  it("idle member gets one membership finding", () => {
    const findings = findingsAbout(report, "alice");
    expect(findings.map((f) => [f.type, f.entitlement])).toEqual([
      ["idle-membership", "grp-data"],
    ]);
    const finding = findings[0]!;
    expect(finding.verdict).toBe("dormant");
    expect(finding.reasons).toEqual(["no-use-through-group"]);
    // The heaviest entitlement through the group, s3:write, is high.
    expect(finding.priority).toBe("high");
    // (1 + 180 idle days - 90) × weight 4 of s3:write.
    expect(finding.score).toBe(364);
  });

  it("idle membership lists the group's entitlements", () => {
    const finding = findingOf(report, "idle-membership", "alice", "grp-data");
    expect(finding.evidence).toMatchObject({
      group: "grp-data",
      entitlementsThroughGroup: 2,
      entitlements: ["s3:read", "s3:write"],
      lastUsedAt: null,
      idleDays: 180,
      windowDays: 90,
      dormantDays: 90,
      highestPrivilege: "high",
    });
  });

  it("idle membership is removed, not revoked", () => {
    const kinds = recommendationsAbout(report, "alice").map((r) => [
      r.kind,
      r.target.entitlement,
    ]);
    expect(kinds).toEqual([["remove-membership", "grp-data"]]);
    const finding = findingOf(report, "idle-membership", "alice", "grp-data");
    const recommendation = recommendationFor(report, finding);
    expect(recommendation?.priority).toBe("high");
    expect(recommendation?.escalation).toBe(true);
  });

  it("idle membership counts once in debt", () => {
    expect(report.debt.identities).toEqual([{ identity: "alice", debt: 364 }]);
    expect(report.debt.estate).toBe(364);
  });

  it("one used entitlement credits membership", () => {
    expect(findingsAbout(report, "carol")).toEqual([]);
    expect(recommendationsAbout(report, "carol")).toEqual([]);
  });

  it("through-group grants get no findings", () => {
    const onThrough = report.findings.filter(
      (f) => f.entitlement === "s3:read" || f.entitlement === "s3:write",
    );
    expect(onThrough).toEqual([]);
  });

  it("membership without group record is judged", () => {
    const bare = analyzeFrozen({
      asOf: AS_OF,
      identities: [{ id: "alice", kind: "human", owner: "bob" }],
      records: [
        through("alice", "s3:read"),
        usedRecently("alice", "mail:send"),
      ],
    });
    const finding = findingOf(bare, "idle-membership", "alice", "grp-data");
    // Weight 1 of s3:read, which has no privilege level.
    expect(finding.score).toBe(91);
    expect(finding.priority).toBe("low");
  });

  it("denied attempts through group raise priority", () => {
    const denied = analyzeFrozen({
      asOf: AS_OF,
      identities: [{ id: "ivan", kind: "human", owner: "bob" }],
      records: [
        membership("ivan"),
        through("ivan", "s3:read", { uses: 0, failures: 2 }),
        through("ivan", "s3:list", { uses: 0, failures: 1 }),
        usedRecently("ivan", "mail:send"),
      ],
    });
    const finding = findingOf(denied, "idle-membership", "ivan", "grp-data");
    expect(finding.reasons).toEqual(["no-use-through-group", "failed-attempts"]);
    expect(finding.priority).toBe("high");
    // 2 + 1 denied attempts over the group's entitlements.
    expect(finding.evidence["failedAttempts"]).toBe(3);
  });

  it("unknown through-group use is not idle", () => {
    const unknown = analyzeFrozen({
      asOf: AS_OF,
      identities: [{ id: "dave", kind: "human", owner: "bob" }],
      records: [
        membership("dave"),
        through("dave", "s3:read", {}),
        through("dave", "s3:write"),
        usedRecently("dave", "mail:send"),
      ],
    });
    const finding = findingOf(unknown, "unobserved-grant", "dave", "grp-data");
    expect(finding.verdict).toBe("unknown");
    expect(finding.reasons).toEqual(["no-usage-data"]);
    expect(findingsAbout(unknown, "dave").map((f) => f.type)).toEqual([
      "unobserved-grant",
    ]);
    expect(unknown.recommendations).toEqual([]);
  });

  it("young through-group grant defers membership", () => {
    const young = analyzeFrozen({
      asOf: AS_OF,
      identities: [{ id: "frank", kind: "human", owner: "bob" }],
      records: [
        membership("frank"),
        through("frank", "s3:read", {
          uses: 0,
          lastUsedAt: null,
          grantedAt: "2026-06-01",
        }),
        through("frank", "s3:write"),
        usedRecently("frank", "mail:send"),
      ],
    });
    const finding = findingOf(young, "unjudgeable-grant", "frank", "grp-data");
    expect(finding.verdict).toBe("insufficient-observation");
    expect(finding.reasons).toEqual(["grant-younger-than-window"]);
    // 2026-06-01 + 90 days = 2026-08-30.
    expect(finding.evidence["judgeableAt"]).toBe("2026-08-30T00:00:00.000Z");
    expect(young.recommendations).toEqual([]);
  });

  it("membership joined inside window waits", () => {
    const joined = analyzeFrozen({
      asOf: AS_OF,
      identities: [{ id: "gina", kind: "human", owner: "bob" }],
      records: [
        membership("gina", "2026-06-01"),
        { identity: "gina", entitlement: "s3:read", via: "grp-data", uses: 0 },
        usedRecently("gina", "mail:send"),
      ],
    });
    const finding = findingOf(joined, "unjudgeable-grant", "gina", "grp-data");
    expect(finding.reasons).toEqual(["grant-younger-than-window"]);
    expect(finding.evidence["judgeableAt"]).toBe("2026-08-30T00:00:00.000Z");
    expect(joined.recommendations).toEqual([]);
  });

  it("direct group use credits membership", () => {
    const direct = analyzeFrozen({
      asOf: AS_OF,
      identities: [{ id: "hana", kind: "human", owner: "bob" }],
      records: [
        { ...membership("hana", LONG_AGO), uses: 2, lastUsedAt: "2026-06-10" },
        through("hana", "s3:read"),
      ],
    });
    expect(direct.findings).toEqual([]);
    expect(direct.recommendations).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { PRIVILEGE_WEIGHTS, grantDebt } from "../../src/drift/priority.js";
import type { EstateInput } from "../../src/estate/schema.js";
import { AS_OF, analyzeFrozen, findingOf } from "./fixtures.js";

/**
 * alice has three dormant grants of different privilege and one used
 * grant. bob's one grant is a day past the threshold. carol's grants
 * cannot be judged, so they carry no debt.
 */
const estate: EstateInput = {
  asOf: AS_OF,
  identities: [
    { id: "alice", kind: "human", owner: "bob" },
    { id: "bob", kind: "human", owner: "carol" },
    { id: "carol", kind: "human", owner: "bob" },
  ],
  entitlements: [
    { id: "crm:read", privilege: "low" },
    { id: "wiki:edit", privilege: "medium" },
    { id: "ops:deploy", privilege: "high" },
    { id: "db:admin", privilege: "critical" },
  ],
  records: [
    { identity: "alice", entitlement: "crm:read", uses: 0, lastUsedAt: "2026-01-01" },
    {
      identity: "alice",
      entitlement: "db:admin",
      lastUsedAt: null,
      grantedAt: "2026-03-01",
    },
    { identity: "alice", entitlement: "wiki:edit", uses: 0 },
    { identity: "alice", entitlement: "ops:deploy", uses: 2, lastUsedAt: "2026-06-10" },
    { identity: "bob", entitlement: "crm:read", uses: 0, lastUsedAt: "2026-03-31" },
    { identity: "carol", entitlement: "crm:read" },
    { identity: "carol", entitlement: "erp:read", uses: 0, grantedAt: "2026-06-01" },
  ],
};

describe("grantDebt", () => {
  it("grantDebt counts days past the threshold", () => {
    expect(grantDebt(100, 90, 4)).toBe(44);
  });

  it("grantDebt is one point at threshold", () => {
    expect(grantDebt(90, 90, 8)).toBe(8);
    expect(grantDebt(30, 90, 2)).toBe(2);
  });

  it("grantDebt weights double per privilege level", () => {
    expect(PRIVILEGE_WEIGHTS).toEqual({ low: 1, medium: 2, high: 4, critical: 8 });
  });
});

describe("identity drift debt", () => {
  const report = analyzeFrozen(estate);

  it("finding scores are each grant's debt", () => {
    // 180 days since last use: (1 + 90) × 1.
    expect(findingOf(report, "dormant-grant", "alice", "crm:read").score).toBe(91);
    // Never used, granted 121 days ago: (1 + 31) × 8.
    expect(findingOf(report, "dormant-grant", "alice", "db:admin").score).toBe(256);
    // No dates, so idle for the 90-day window: (1 + 0) × 2.
    expect(findingOf(report, "dormant-grant", "alice", "wiki:edit").score).toBe(2);
    // Last used 91 days ago: (1 + 1) × 1.
    expect(findingOf(report, "dormant-grant", "bob", "crm:read").score).toBe(2);
  });

  it("identity debt sums its dormant grants", () => {
    // alice: 91 + 256 + 2; the used ops:deploy adds nothing.
    expect(report.debt.identities).toEqual([
      { identity: "alice", debt: 349 },
      { identity: "bob", debt: 2 },
    ]);
  });

  it("estate debt sums the identities", () => {
    expect(report.debt.estate).toBe(351);
    expect(report.summary.driftDebt).toBe(351);
  });

  it("dormantDays moves the threshold", () => {
    const shorter = analyzeFrozen(estate, { dormantDays: 30 });
    // alice: (1 + 150) × 1 + (1 + 91) × 8 + (1 + 60) × 2 = 151 + 736 + 122.
    // bob: (1 + 61) × 1.
    expect(shorter.debt.identities).toEqual([
      { identity: "alice", debt: 1009 },
      { identity: "bob", debt: 62 },
    ]);
    expect(shorter.debt.estate).toBe(1071);
  });
});

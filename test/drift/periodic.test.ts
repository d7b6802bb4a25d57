import { describe, expect, it } from "vitest";
import type { UsageRecordInput } from "../../src/estate/schema.js";
import {
  AS_OF,
  LONG_AGO,
  analyzeFrozen,
  findingOf,
  recommendationFor,
} from "./fixtures.js";

const job = { id: "svc-close", kind: "service-account", owner: "finance" } as const;

/** A grant of gl:close used on the given days, none of them in the window. */
const closeGrant = (history: string[], withLastUse = true): UsageRecordInput => ({
  identity: "svc-close",
  entitlement: "gl:close",
  uses: 0,
  ...(withLastUse ? { lastUsedAt: history[history.length - 1]! } : {}),
  grantedAt: LONG_AGO,
  history,
});

/** Quarterly: 91 days apart, the last one day before the window starts. */
const QUARTERLY = ["2025-09-30", "2025-12-30", "2026-03-31"];

describe("periodic use", () => {
  it("quarterly job missing one window waits", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [job],
      records: [closeGrant(QUARTERLY)],
    });
    const finding = findingOf(report, "unjudgeable-grant", "svc-close", "gl:close");
    expect(finding.verdict).toBe("insufficient-observation");
    expect(finding.reasons).toEqual(["periodic-use"]);
    expect(finding.evidence["periodDays"]).toBe(91);
    // Two periods after the last use: 2026-03-31 + 182 days.
    expect(finding.evidence["judgeableAt"]).toBe("2026-09-29T00:00:00.000Z");
    expect(report.recommendations).toEqual([]);
  });

  it("summary suggests two-period window", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [job],
      records: [closeGrant(QUARTERLY)],
    });
    expect(report.summary.notes).toContain(
      "1 grant shows periodic use (longest period 91 days); an observation " +
        "window of at least 182 days would judge them.",
    );
  });

  it("window of two periods suggests nothing", () => {
    // The last use, 91 days back, is inside the 200-day window but past
    // the 90-day dormancy threshold, so the rhythm decides.
    const report = analyzeFrozen(
      { asOf: AS_OF, identities: [job], records: [closeGrant(QUARTERLY)] },
      { windowDays: 200, dormantDays: 90 },
    );
    const finding = findingOf(report, "unjudgeable-grant", "svc-close", "gl:close");
    expect(finding.reasons).toEqual(["periodic-use"]);
    // Only the share note: the periodic grant is not judged yet.
    expect(report.summary.notes).toHaveLength(1);
    expect(report.summary.notes[0]).toContain("could judge 0 %");
  });

  it("period is found without lastUsedAt", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [job],
      records: [closeGrant(QUARTERLY, false)],
    });
    const finding = findingOf(report, "unjudgeable-grant", "svc-close", "gl:close");
    expect(finding.reasons).toEqual(["periodic-use"]);
    expect(finding.evidence["judgeableAt"]).toBe("2026-09-29T00:00:00.000Z");
    expect(report.recommendations).toEqual([]);
  });

  it("history order does not matter", () => {
    const shuffled = [QUARTERLY[2]!, QUARTERLY[0]!, QUARTERLY[1]!];
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [job],
      records: [{ ...closeGrant(shuffled), lastUsedAt: "2026-03-31" }],
    });
    const finding = findingOf(report, "unjudgeable-grant", "svc-close", "gl:close");
    expect(finding.evidence["periodDays"]).toBe(91);
  });

  it("due date on asOf still waits", () => {
    // Last use 2025-12-30; 2 × 91 days later is exactly 2026-06-30.
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [job],
      records: [closeGrant(["2025-07-01", "2025-09-30", "2025-12-30"])],
    });
    const finding = findingOf(report, "unjudgeable-grant", "svc-close", "gl:close");
    expect(finding.evidence["judgeableAt"]).toBe("2026-06-30T00:00:00.000Z");
  });

  it("two missed periods make it dormant", () => {
    // Last use 2025-12-29; due 2026-06-29, one day before asOf.
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [job],
      records: [closeGrant(["2025-06-30", "2025-09-29", "2025-12-29"])],
    });
    const finding = findingOf(report, "dormant-grant", "svc-close", "gl:close");
    expect(finding.reasons).toEqual(["last-use-older-than-threshold"]);
    expect(finding.evidence["periodDays"]).toBe(91);
    expect(recommendationFor(report, finding)?.kind).toBe("revoke-grant");
  });

  it("irregular history is not periodic", () => {
    // Gaps of 19 and 118 days vary far more than a quarter of their mean.
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [job],
      records: [closeGrant(["2025-10-01", "2025-10-20", "2026-02-15"])],
    });
    const finding = findingOf(report, "dormant-grant", "svc-close", "gl:close");
    expect(finding.evidence["periodDays"]).toBeNull();
    expect(report.summary.notes).toEqual([]);
  });

  it("weekly history is ordinary use", () => {
    // Seven-day gaps fall below the 14-day shortest period.
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [job],
      records: [closeGrant(["2026-01-05", "2026-01-12", "2026-01-19"])],
    });
    const finding = findingOf(report, "dormant-grant", "svc-close", "gl:close");
    expect(finding.evidence["periodDays"]).toBeNull();
  });

  it("two dated uses show no rhythm", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [job],
      records: [closeGrant(["2025-12-30", "2026-03-31"])],
    });
    expect(findingOf(report, "dormant-grant", "svc-close", "gl:close").verdict).toBe(
      "dormant",
    );
  });
});

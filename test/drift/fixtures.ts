import type { Finding, FindingType } from "../../src/drift/types.js";
import type { EstateInput, UsageRecordInput } from "../../src/estate/schema.js";
import { type AnalyzeOptions, analyze } from "../../src/pipeline/analyze.js";
import type { Recommendation } from "../../src/recommendations/types.js";
import type { Report } from "../../src/report/types.js";
import { deepFreeze } from "../helpers/datasets.js";

/**
 * Analysis instant of the drift specs. The default 90-day window then
 * runs from 2026-04-01T00:00Z to 2026-06-30T00:00Z.
 */
export const AS_OF = "2026-06-30T00:00:00Z";

/** A grant date long before the window, so that only usage decides. */
export const LONG_AGO = "2025-01-01";

/** A human identity with an owner, so that no lifecycle rule fires. */
export const ALICE = { id: "alice", kind: "human", owner: "bob" } as const;

/** Builds a grant used three times in the window, last on 2026-06-20. */
export function usedRecently(
  identity: string,
  entitlement: string,
): UsageRecordInput {
  const lastUsedAt = "2026-06-20";
  return { identity, entitlement, uses: 3, lastUsedAt, grantedAt: LONG_AGO };
}

/** Builds a grant that the usage data records as never used. */
export function neverUsed(
  identity: string,
  entitlement: string,
  grantedAt = LONG_AGO,
): UsageRecordInput {
  return { identity, entitlement, uses: 0, lastUsedAt: null, grantedAt };
}

/**
 * Runs `analyze` on a frozen estate with frozen options, one cluster and
 * no timings, so a test fails if the input is modified.
 */
export function analyzeFrozen(
  estate: EstateInput,
  options: AnalyzeOptions = {},
): Report {
  return analyze(deepFreeze(estate), deepFreeze({ timings: false, k: 1, ...options }));
}

/** Findings about an identity, or about one of its grants. */
export function findingsAbout(
  report: Report,
  identity: string,
  entitlement?: string | null,
): Finding[] {
  return report.findings.filter(
    (finding) =>
      finding.identity === identity &&
      (entitlement === undefined || finding.entitlement === entitlement),
  );
}

/**
 * Returns the one finding of a type about a subject.
 *
 * @throws {Error} listing the report's findings when there is none.
 */
export function findingOf(
  report: Report,
  type: FindingType,
  identity: string,
  entitlement: string | null = null,
): Finding {
  const found = report.findings.find(
    (finding) =>
      finding.type === type &&
      finding.identity === identity &&
      finding.entitlement === entitlement,
  );
  if (found !== undefined) return found;
  const listed = report.findings
    .map((f) => `${f.type} ${f.identity} ${f.entitlement}`)
    .join("; ");
  throw new Error(
    `no ${type} finding for ${identity} ${entitlement}; found: ${listed || "none"}`,
  );
}

/** Recommendations about an identity, or about one of its grants. */
export function recommendationsAbout(
  report: Report,
  identity: string,
  entitlement?: string | null,
): Recommendation[] {
  return report.recommendations.filter(
    (recommendation) =>
      recommendation.target.identity === identity &&
      (entitlement === undefined ||
        recommendation.target.entitlement === entitlement),
  );
}

/** Returns the recommendation that cites a finding, or undefined. */
export function recommendationFor(
  report: Report,
  finding: Finding,
): Recommendation | undefined {
  return report.recommendations.find((recommendation) =>
    recommendation.findings.includes(finding.id),
  );
}

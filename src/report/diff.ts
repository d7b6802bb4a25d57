import { z } from "zod";
import { InputError, issuesFromZod } from "../errors.js";
import { canonicalJson } from "../hash.js";
import type { Finding } from "../drift/types.js";
import type { Recommendation } from "../recommendations/types.js";

/**
 * The parts of an earlier report that a run reads: its findings for the
 * run-to-run diff and its recommendations for frozen claims. Other fields
 * are allowed and ignored, so any earlier report of the same schema
 * major version works.
 */
export const PreviousReportSchema = z.looseObject({
  schemaVersion: z
    .string({ error: "a report schemaVersion such as 1.0.0" })
    .regex(/^1\.\d+\.\d+$/, { error: "a report of schema version 1.x.y" }),
  findings: z.array(
    z.looseObject({
      id: z.string({ error: "a finding id" }),
      type: z.string({ error: "a finding type" }),
      priority: z.string({ error: "a priority" }),
      evidence: z.record(z.string(), z.unknown()),
    }),
  ),
  recommendations: z.array(
    z.looseObject({
      id: z.string({ error: "a recommendation id" }),
      review: z.looseObject({ etag: z.string({ error: "an etag" }) }),
    }),
  ),
});

/** An earlier report as far as a run reads it. */
export interface PreviousReport {
  readonly findings: readonly Finding[];
  readonly recommendations: readonly Recommendation[];
}

/**
 * Validates an earlier report's parsed JSON.
 *
 * @throws {InputError} when it is not a rolemine report of schema 1.x.
 */
export function parsePreviousReport(value: unknown): PreviousReport {
  const parsed = PreviousReportSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    throw new InputError("previous report", issuesFromZod(parsed.error, value));
  }
  return parsed.data as unknown as PreviousReport;
}

/** Findings compared with the previous run, by finding id. */
export interface RunDiff {
  /** Findings this run raised that the previous run did not. */
  readonly new: readonly string[];
  /** Findings of the previous run that this run no longer raises. */
  readonly resolved: readonly string[];
  /** Findings in both runs. */
  readonly unchanged: number;
  /** Findings in both runs whose evidence moved (idle days, counts). */
  readonly evidenceChanged: readonly string[];
  /** New findings of priority critical or high. */
  readonly newHighPriority: number;
}

/** Compares this run's findings with the previous run's. */
export function diffFindings(
  current: readonly Finding[],
  previous: readonly Finding[],
): RunDiff {
  const before = new Map(previous.map((finding) => [finding.id, finding]));
  const now = new Set(current.map((finding) => finding.id));
  const added: string[] = [];
  const evidenceChanged: string[] = [];
  let unchanged = 0;
  let newHighPriority = 0;
  for (const finding of current) {
    const earlier = before.get(finding.id);
    if (earlier === undefined) {
      added.push(finding.id);
      if (finding.priority === "critical" || finding.priority === "high") {
        newHighPriority++;
      }
      continue;
    }
    unchanged++;
    if (canonicalJson(earlier.evidence) !== canonicalJson(finding.evidence)) {
      evidenceChanged.push(finding.id);
    }
  }
  const resolved = previous
    .map((finding) => finding.id)
    .filter((id) => !now.has(id));
  return { new: added, resolved, unchanged, evidenceChanged, newHighPriority };
}

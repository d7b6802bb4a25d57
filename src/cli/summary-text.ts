import type { Report } from "../report/types.js";

/** Renders a short plain-text digest of a report for a terminal. */
export function summaryText(report: Report, maxQueue = 10): string {
  const { summary, settings } = report;
  const lines: string[] = [];
  const verdicts = Object.entries(summary.verdicts)
    .map(([verdict, count]) => `${verdict} ${count}`)
    .join(", ");
  const states = Object.entries(summary.reviewStates)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${state} ${n}`)
    .join(", ");
  lines.push(
    `rolemine ${report.generator.version}: ${plural(summary.identities, "identity", "identities")} ` +
      `(${summary.nonHumanIdentities} non-human), ${plural(summary.entitlements, "entitlement", "entitlements")}, ` +
      `${plural(summary.grants, "grant", "grants")}.`,
    `As of ${settings.asOf ?? "an undated input"}, window ${settings.windowDays} days, seed ${settings.seed}.`,
    "",
    `Clusters: ${summary.clusters} (k rule: ${report.clustering.kRule}, ` +
      `${plural(report.clustering.iterations, "iteration", "iterations")}, ` +
      `${report.clustering.converged ? "converged" : "not converged"}). ` +
      `Candidate roles: ${summary.candidateRoles}.`,
    `Grant verdicts: ${verdicts}.`,
    `Findings: ${summary.findings}. Drift debt: ${summary.driftDebt}. ` +
      `Use without a grant: ${summary.ungrantedUse}. Denied without a grant: ` +
      `${summary.deniedWithoutGrant}.`,
    `Recommendations: ${summary.recommendations}, ${summary.highPriority} ` +
      "critical or high. All are advisory; no access was changed." +
      (states === "" ? "" : ` Review states: ${states}.`),
  );
  for (const note of summary.notes) lines.push(`Note: ${note}`);

  const queue = report.recommendations.slice(0, maxQueue);
  if (queue.length > 0) {
    lines.push("", `Top ${queue.length} of the review queue:`);
    queue.forEach((recommendation, index) => {
      const state = recommendation.review.state;
      lines.push(
        `${String(index + 1).padStart(3)}. [${recommendation.priority}` +
          `${state === "pending" ? "" : `, ${state}`}] ` +
          `${recommendation.kind}: ${recommendation.rationale}`,
      );
    });
  }
  if (report.timings !== undefined) {
    lines.push("", `Total time: ${Math.round(report.timings.totalMs)} ms.`);
  }
  return `${lines.join("\n")}\n`;
}

function plural(n: number, singular: string, pluralForm: string): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

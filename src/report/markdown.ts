import type { Evidence } from "../drift/types.js";
import type { Recommendation } from "../recommendations/types.js";
import type { Report } from "./types.js";

/** Options of `renderMarkdown`. */
export interface MarkdownOptions {
  /** Recommendations shown in full in the review queue. Default 200. */
  maxQueueItems?: number;
  /** Identities listed under drift debt. Default 20. */
  maxDebtRows?: number;
}

/**
 * Renders a report as Markdown for reviewers: summary, notes, the review
 * queue (highest priority first, each item with its evidence), drift
 * debt, candidate roles and clusters. Whatever is cut for length is
 * counted in the text, and the JSON report has it all.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const maxQueue = options.maxQueueItems ?? 200;
  const maxDebt = options.maxDebtRows ?? 20;
  const { summary, settings, input } = report;
  const out: string[] = [];

  out.push("# rolemine access review", "");
  out.push(
    `Report schema ${report.schemaVersion}, rolemine ${report.generator.version}. ` +
      `Analysis as of ${settings.asOf ?? "an undated input"}, ` +
      `observation window ${settings.windowDays} days, seed ${settings.seed}.`,
    "",
    "Every recommendation below is advisory: rolemine has changed no " +
      "access. Each shows its review state; new ones are pending.",
    "",
  );

  out.push("## Summary", "");
  out.push(
    table(
      ["measure", "value"],
      [
        ["identities (non-human)", `${summary.identities} (${summary.nonHumanIdentities})`],
        ["entitlements", String(summary.entitlements)],
        ["grants (density)", `${summary.grants} (${input.density})`],
        ["usage observed", input.usageObserved ? "yes" : "no"],
        ["share of grants judged", percent(summary.observedShare)],
        ["clusters / candidate roles", `${summary.clusters} / ${summary.candidateRoles}`],
        ["findings", String(summary.findings)],
        ["recommendations (critical or high)", `${summary.recommendations} (${summary.highPriority})`],
        ["drift debt", String(summary.driftDebt)],
        ["use without a grant", String(summary.ungrantedUse)],
        ["denied without a grant", String(summary.deniedWithoutGrant)],
        [
          "review states",
          Object.entries(summary.reviewStates)
            .map(([state, n]) => `${state} ${n}`)
            .join(", "),
        ],
      ],
    ),
    "",
  );
  out.push("Grants per verdict:", "");
  out.push(table(["verdict", "grants"], Object.entries(summary.verdicts).map(([v, n]) => [v, String(n)])), "");
  if (summary.notes.length > 0) {
    out.push("## Notes", "", ...summary.notes.map((note) => `- ${note}`), "");
  }

  out.push("## Review queue", "");
  const queue = report.recommendations.slice(0, maxQueue);
  if (queue.length === 0) out.push("No recommendations.", "");
  const sentences = new Map(report.findings.map((f) => [f.id, f.sentence]));
  queue.forEach((recommendation, index) => {
    const because = recommendation.findings
      .map((id) => sentences.get(id))
      .filter((text): text is string => text !== undefined);
    out.push(...queueItem(recommendation, index + 1, because));
  });
  const rest = report.recommendations.length - queue.length;
  if (rest > 0) {
    out.push(`${rest} more recommendations of lower rank are in the JSON report.`, "");
  }

  if (report.deniedWithoutGrant.length > 0) {
    out.push("## Denied attempts on access never granted", "");
    out.push(
      table(
        ["identity", "entitlement", "denied attempts", "last"],
        report.deniedWithoutGrant.map((d) => [
          d.identity,
          d.entitlement,
          String(d.failures),
          d.lastFailureAt ?? "",
        ]),
      ),
      "",
    );
  }

  out.push("## Drift debt", "");
  out.push(
    "One point per dormant or over-broad grant or idle membership, plus " +
      "one per day past the dormancy threshold, times the privilege weight " +
      "(low 1, medium 2, high 4, critical 8).",
    "",
  );
  out.push(`Estate total: ${report.debt.estate}.`, "");
  if (report.debt.identities.length > 0) {
    const rows = report.debt.identities.slice(0, maxDebt);
    out.push(table(["identity", "debt"], rows.map((d) => [d.identity, String(d.debt)])), "");
    const more = report.debt.identities.length - rows.length;
    if (more > 0) out.push(`${more} more identities carry debt; see the JSON report.`, "");
  }

  out.push("## Candidate roles", "");
  if (report.roles.length === 0) out.push("No cluster yielded a candidate role.", "");
  else {
    out.push(
      table(
        ["role", "clusters", "members", "entitlements", "grants explained"],
        report.roles.map((role) => [
          role.id,
          role.clusters.join(", "),
          String(role.members.length),
          String(role.entitlements.length),
          `${role.grantsExplained} of ${role.memberGrants}`,
        ]),
      ),
      "",
    );
  }

  out.push("## Clusters", "");
  out.push(
    `k = ${report.clustering.k} (${report.clustering.kRule}), features: ` +
      `${report.clustering.features}, ${report.clustering.iterations} ` +
      `iterations, ${report.clustering.converged ? "converged" : "not converged"}.`,
    "",
  );
  out.push(
    table(
      ["cluster", "size", "role"],
      report.clusters.map((c) => [String(c.id), String(c.size), c.role ?? "none"]),
    ),
    "",
  );
  return out.join("\n");
}

function queueItem(
  recommendation: Recommendation,
  position: number,
  findingSentences: readonly string[],
): string[] {
  const { target } = recommendation;
  const subject = [target.identity, target.entitlement ?? target.role]
    .filter((part) => part !== null)
    .join(" / ");
  const flags = recommendation.escalation ? ", escalate" : "";
  return [
    `### ${position}. ${recommendation.priority.toUpperCase()}${flags}: ` +
      `${recommendation.kind} ${escapeText(subject)}`,
    "",
    escapeText(recommendation.rationale),
    "",
    ...findingSentences.flatMap((text) => [`Finding: ${escapeText(text)}`, ""]),
    `id \`${recommendation.id}\`, review ${recommendation.review.state}, ` +
      `etag \`${recommendation.review.etag}\`` +
      (recommendation.supersedes === null
        ? ""
        : `, supersedes \`${recommendation.supersedes}\``),
    "",
    evidenceTable(recommendation.evidence),
    "",
  ];
}

function evidenceTable(evidence: Evidence): string {
  const rows = Object.entries(evidence)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => [
      key,
      Array.isArray(value) ? value.join(", ") : String(value),
    ]);
  return table(["evidence", "value"], rows);
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) =>
    `| ${cells.map((cell) => escapeCell(cell)).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

function escapeCell(text: string): string {
  return escapeText(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

// Ids come from the input: keep them from opening HTML or emphasis.
function escapeText(text: string): string {
  return text.replace(/[<>*_`[\]]/g, (ch) => `\\${ch}`);
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

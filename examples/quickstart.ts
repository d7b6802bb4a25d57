// Analyse a tiny estate from usage records and print the review queue.
// Run with: npx tsx examples/quickstart.ts
import { analyze } from "../src/index.js";

const records = [
  { identity: "alice", entitlement: "crm:read", uses: 41, lastUsedAt: "2026-11-28" },
  { identity: "alice", entitlement: "crm:export", uses: 0, lastUsedAt: "2026-03-02" },
  { identity: "bob", entitlement: "crm:read", uses: 17, lastUsedAt: "2026-11-27" },
  { identity: "bob", entitlement: "crm:export", uses: 3, lastUsedAt: "2026-11-10" },
  { identity: "carol", entitlement: "crm:read", uses: 5, lastUsedAt: "2026-11-29" },
  { identity: "carol", entitlement: "crm:export", uses: 1, lastUsedAt: "2026-11-15" },
];

const report = analyze(records, { k: 1, seed: 1, asOf: "2026-11-30" });

console.log(report.summary.verdicts);
for (const recommendation of report.recommendations) {
  console.log(
    `${recommendation.priority} ${recommendation.kind} ` +
      `(${recommendation.status}, review ${recommendation.review.state}): ` +
      recommendation.rationale,
  );
}

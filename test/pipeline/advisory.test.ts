import { describe, expect, it } from "vitest";
import { VERDICTS } from "../../src/drift/types.js";
import { RECOMMENDATION_KINDS } from "../../src/recommendations/types.js";
import { generateDemoEstate } from "../../src/generate/demo-estate.js";
import { analyze } from "../../src/pipeline/analyze.js";
import { renderJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { deepFreeze } from "../helpers/datasets.js";

describe("analyze on the demo estate", () => {
  const estate = deepFreeze(generateDemoEstate());
  const report = analyze(estate, { timings: false });

  it("marks every recommendation advisory and pending", () => {
    expect(report.recommendations.length).toBeGreaterThan(50);
    for (const recommendation of report.recommendations) {
      expect(recommendation.status).toBe("advisory");
      expect(recommendation.requiresHumanReview).toBe(true);
      expect(recommendation.review.state).toBe("pending");
      expect(recommendation.review.etag).toMatch(/^[0-9a-f]{16}$/);
      expect(recommendation.id).toMatch(/^r-[0-9a-f]{10}-[0-9a-f]{6}$/);
      expect(recommendation.rationale.length).toBeGreaterThan(10);
    }
  });

  it("shows every verdict and recommendation kind", () => {
    for (const verdict of VERDICTS) {
      expect(report.summary.verdicts[verdict], verdict).toBeGreaterThan(0);
    }
    for (const kind of RECOMMENDATION_KINDS) {
      expect(report.summary.recommendationsByKind[kind], kind).toBeGreaterThan(0);
    }
  });

  it("gives every recommendation a unique id", () => {
    const ids = report.recommendations.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("links grant recommendations to findings with evidence", () => {
    const findings = new Map(report.findings.map((f) => [f.id, f]));
    const revokes = report.recommendations.filter((r) => r.kind === "revoke-grant");
    expect(revokes.length).toBeGreaterThan(0);
    for (const recommendation of revokes) {
      const finding = findings.get(recommendation.findings[0]!);
      expect(finding?.verdict === "dormant" || finding?.verdict === "over-broad").toBe(true);
      expect(recommendation.evidence["windowDays"]).toBe(90);
      expect(recommendation.evidence["asOf"]).toBe("2026-11-30T00:00:00.000Z");
      expect(typeof recommendation.evidence["peerShare"]).toBe("number");
    }
  });

  it("repeats itself byte for byte", () => {
    const again = analyze(generateDemoEstate(), { timings: false });
    expect(renderJson(again)).toBe(renderJson(report));
  });

  it("keeps ids when unrelated grants change", () => {
    const changed = generateDemoEstate();
    changed.records.push({ identity: "newcomer", entitlement: "jira:read", uses: 5 });
    const next = analyze(changed, { timings: false });
    const before = new Set(report.recommendations.filter((r) => r.kind === "revoke-grant").map((r) => r.id));
    const after = new Set(next.recommendations.filter((r) => r.kind === "revoke-grant").map((r) => r.id));
    const kept = [...before].filter((id) => after.has(id)).length;
    expect(kept / before.size).toBeGreaterThan(0.9);
  });

  it("leaves timings out only when asked", () => {
    expect(report.timings).toBeUndefined();
    const timed = analyze(estate);
    expect(timed.timings?.clusterMs).toBeGreaterThanOrEqual(0);
    expect(timed.timings?.totalMs).toBeGreaterThanOrEqual(timed.timings?.clusterMs ?? 0);
  });

  it("renders a Markdown review queue, highest priority first", () => {
    const markdown = renderMarkdown(report);
    expect(markdown).toContain("## Review queue");
    expect(markdown).toContain("Every recommendation below is advisory: rolemine has changed no");
    const first = markdown.indexOf("### 1. ");
    expect(markdown.slice(first, first + 20)).toMatch(/### 1\. CRITICAL/);
  });
});

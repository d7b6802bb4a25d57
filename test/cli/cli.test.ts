import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { datasetPath } from "../helpers/datasets.js";

const fire1 = datasetPath("hp-labs", "fire1.txt");

describe("rolemine analyze", () => {
  it("reports fire1 as JSON with advisory recommendations", () => {
    const run = runCli(["analyze", fire1, "--format", "pairs", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.schemaVersion).toBe("1.0.0");
    expect(report.clusters.length).toBeGreaterThan(1);
    expect(report.roles.length).toBeGreaterThan(0);
    expect(report.recommendations.length).toBeGreaterThan(0);
    for (const recommendation of report.recommendations) {
      expect(recommendation.status).toBe("advisory");
      expect(recommendation.review.state).toBe("pending");
    }
    expect(report.timings.clusterMs).toBeGreaterThanOrEqual(0);
  });

  it("writes identical files for the same seed", () => {
    const dir = mkdtempSync(join(tmpdir(), "rolemine-"));
    const a = join(dir, "a.json");
    const b = join(dir, "b.json");
    const args = ["analyze", fire1, "--json", "--no-timings", "--seed", "9"];
    expect(runCli([...args, "--out", a]).status).toBe(0);
    expect(runCli([...args, "--out", b]).status).toBe(0);
    expect(readFileSync(b, "utf8")).toBe(readFileSync(a, "utf8"));
  });

  it("reads a usage CSV and echoes unread columns", () => {
    const dir = mkdtempSync(join(tmpdir(), "rolemine-"));
    const file = join(dir, "usage.csv");
    writeFileSync(
      file,
      "identity,entitlement,uses,last_used,team\n" +
        "alice,crm:read,4,2026-11-20,sales\nalice,crm:write,0,,sales\n" +
        "bob,crm:read,9,2026-11-25,sales\nbob,crm:write,2,2026-11-01,sales\n",
    );
    const run = runCli(["analyze", file, "--json", "--k", "1"]);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.input.ignoredColumns).toEqual(["team"]);
    expect(report.summary.verdicts.used).toBe(3);
    expect(report.summary.verdicts.dormant).toBe(1);
  });

  it("fails with exit code 2 on a missing file", () => {
    const run = runCli(["analyze", "no-such-file.txt"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Cannot read no-such-file.txt: file not found.");
  });

  it("fails with exit code 2 on a bad option value", () => {
    const run = runCli(["analyze", fire1, "--window-days", "-3"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--window-days: received "-3"');
  });

  it("fails with exit code 2 on invalid CSV cells", () => {
    const dir = mkdtempSync(join(tmpdir(), "rolemine-"));
    const file = join(dir, "bad.csv");
    writeFileSync(file, "identity,entitlement,uses\na,x,lots\n");
    const run = runCli(["analyze", file]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('at line 2, column uses: received "lots"');
  });
});

describe("rolemine mine", () => {
  it("prints roles with the input's ids", () => {
    const run = runCli(["mine", datasetPath("hp-labs", "hc.txt"), "--format", "pairs", "--json", "--method", "greedy"]);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.roles.length).toBeGreaterThanOrEqual(14);
    const first = output.roles[0];
    expect(first.id).toBe("role-1");
    expect(typeof first.entitlements[0]).toBe("string");
    expect(typeof first.identities[0]).toBe("string");
    expect(output.lowerBound).toBeLessThanOrEqual(output.roles.length);
  });
});

describe("rolemine mine --method exact", () => {
  it("proves the fire1 minimum of 64 roles", () => {
    // Minimum from the HP Labs set's published exact cover (64 roles).
    const run = runCli(["mine", fire1, "--format", "pairs", "--method", "exact", "--json"]);
    expect(run.status, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.roles).toHaveLength(64);
    expect(output.lowerBound).toBe(64);
    expect(output.optimal).toBe(true);
    expect(output.metrics.coverage).toBe(1);
    expect(output.metrics.overAssignments).toBe(0);
  });

  it("rejects an unknown method", () => {
    const run = runCli(["mine", fire1, "--method", "fastest"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("fastest");
  });
});

describe("rolemine demo", () => {
  it("prints a readable summary of the embedded estate", () => {
    const run = runCli(["demo"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("237 identities (28 non-human)");
    expect(run.stdout).toContain("All are advisory; no access was changed.");
    expect(run.stdout).toContain("Top 10 of the review queue:");
  });
});

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, datasetPath } from "./helpers/datasets.js";

function runExample(name: string, args: string[] = []) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", resolve(REPO_ROOT, "examples", name), ...args],
    { cwd: REPO_ROOT, encoding: "utf8" },
  );
}

describe("examples", () => {
  it("quickstart prints an advisory queue", () => {
    const run = runExample("quickstart.ts");
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("revoke-grant (advisory, review pending): Revoke crm:export from alice");
  });

  it("notebook writes the CloudTrail heatmap", () => {
    const out = mkdtempSync(join(tmpdir(), "rolemine-example-"));
    const run = runExample("notebook-cloudtrail.ts", [datasetPath("cloudtrail", "invictus"), out]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Heatmap written to");
    expect(existsSync(join(out, "heatmap.svg"))).toBe(true);
    expect(existsSync(join(out, "heatmap.vl.json"))).toBe(true);
  });
});

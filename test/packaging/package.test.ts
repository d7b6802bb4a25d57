import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { REPO_ROOT } from "../helpers/datasets.js";

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

const npx = process.platform === "win32" ? "npx.cmd" : "npx";

describe("VERSION", () => {
  it("matches package.json", () => {
    const manifest = JSON.parse(readFileSync(resolve(REPO_ROOT, "package.json"), "utf8"));
    expect(VERSION).toBe(manifest.version);
  });
});

describe("published package", () => {
  beforeAll(() => {
    const build = run(npx, ["tsup"]);
    expect(build.status, build.output).toBe(0);
  }, 180_000);

  it("passes publint", () => {
    const lint = run(npx, ["publint", "--strict"]);
    expect(lint.status, lint.output).toBe(0);
  });

  it("passes are-the-types-wrong", () => {
    const check = run(npx, ["attw", "--pack", "."]);
    expect(check.status, check.output).toBe(0);
    expect(check.output).toContain("No problems found");
  });

  it("imports under ESM", () => {
    const script =
      'import { analyze, VERSION } from "rolemine";' +
      'const r = analyze([{ identity: "a", entitlement: "x", uses: 1 }], { timings: false });' +
      'console.log(VERSION, r.recommendations.every((x) => x.status === "advisory"));';
    const result = run(process.execPath, ["--input-type=module", "-e", script]);
    expect(result.status, result.output).toBe(0);
    expect(result.output.trim()).toMatch(/^\d+\.\d+\.\d+ true$/);
  });

  it("requires under CommonJS", () => {
    const script =
      'const { analyze, InputError } = require("rolemine");' +
      'try { analyze([{ identity: "a" }]); } catch (e) { console.log(e instanceof InputError, e.code); }';
    const result = run(process.execPath, ["-e", script]);
    expect(result.status, result.output).toBe(0);
    expect(result.output.trim()).toBe("true invalid_input");
  });

  it("runs the built CLI", () => {
    const result = run(process.execPath, [resolve(REPO_ROOT, "dist/cli.js"), "--version"]);
    expect(result.status, result.output).toBe(0);
    expect(result.output.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

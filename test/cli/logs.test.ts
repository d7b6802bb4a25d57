import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { datasetPath } from "../helpers/datasets.js";
import {
  countBy,
  isDenied,
  isErrored,
  rawAuditEntitlement,
  rawAuditEvents,
  rawChannel,
  rawCloudTrailEvents,
  rawEntitlement,
  rawIdentity,
} from "../io/raw-logs.js";

function analyzeToFolder(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "rolemine-logs-"));
  const run = runCli(["analyze", ...args, "--out-dir", dir, "--no-timings"]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
  return { dir, report };
}

describe("analyze --cloudtrail report", () => {
  const folder = datasetPath("cloudtrail", "invictus");
  const { dir, report } = analyzeToFolder(["--cloudtrail", folder]);
  // Errored calls (throttling and the like) are skipped by default.
  const counted = rawCloudTrailEvents(folder).filter((event) => !isErrored(event));

  it("counts the identities and entitlements of the log", () => {
    const identities = new Set(counted.map((event) => rawIdentity(event)));
    const entitlements = new Set(counted.map(rawEntitlement));
    expect(report.summary.identities).toBe(identities.size);
    expect(report.summary.entitlements).toBe(entitlements.size);
  });

  it("counts the denied calls as failures", () => {
    const denied = counted.filter(isDenied).length;
    expect(report.input.source.failures).toBe(denied);
    expect(denied).toBe(60);
  });

  it("counts uses and failures by channel", () => {
    const channels = countBy(counted, rawChannel);
    expect(report.input.source.channels.api).toBe(channels.get("api"));
    expect(report.input.source.channels.service).toBe(channels.get("service"));
    expect(report.input.source.channels.interactive).toBe(channels.get("interactive"));
  });

  it("lists denied attempts apart from use", () => {
    expect(report.ungrantedUse).toEqual([]);
    expect(report.deniedWithoutGrant).toHaveLength(report.input.source.deniedOnlyPairs);
    expect(report.deniedWithoutGrant.length).toBeGreaterThan(0);
    const spec = JSON.parse(readFileSync(join(dir, "report.vl.json"), "utf8"));
    const states = spec.data.values.map((v: { state: string }) => v.state);
    expect(states).not.toContain("ungranted-use");
    expect(states.filter((state: string) => state === "denied")).toHaveLength(report.deniedWithoutGrant.length);
  });

  it("writes every report form", () => {
    const svg = readFileSync(join(dir, "report.svg"), "utf8");
    expect(XMLValidator.validate(svg)).toBe(true);
    const spec = JSON.parse(readFileSync(join(dir, "report.vl.json"), "utf8"));
    expect(spec.mark.type).toBe("rect");
    expect(readFileSync(join(dir, "report.md"), "utf8")).toContain("## Review queue");
    expect(readFileSync(join(dir, "report.csv"), "utf8").split("\r\n")[0]).toContain('"record","id"');
  });

  it("states that grants were inferred", () => {
    expect(report.input.source.grantsSource).toBe("observed");
    expect(report.summary.notes.join(" ")).toContain("grants were inferred");
  });
});

describe("analyze --k8s-audit report", () => {
  const file = datasetPath("k8s-audit", "audit2rbac-demo.jsonl");
  const { report } = analyzeToFolder(["--k8s-audit", file]);
  const completed = rawAuditEvents(file).filter((event) => event.stage === "ResponseComplete");
  const status = (event: { responseStatus?: { code?: number } }) => event.responseStatus?.code ?? 0;

  it("counts the failed requests", () => {
    const failures = completed.filter((event) => status(event) === 401 || status(event) === 403).length;
    expect(report.input.source.failures).toBe(failures);
    expect(failures).toBe(11);
  });

  it("counts the users of the log", () => {
    // An impersonated request is use by the impersonated user.
    const users = new Set(
      completed.map((event) => event.impersonatedUser?.username ?? event.user.username),
    );
    for (const event of completed) users.add(event.user.username);
    expect(report.summary.identities).toBe(users.size);
  });

  it("counts the entitlements of the log", () => {
    // Requests answered 404 prove nothing; impersonation adds two
    // entitlements of the caller's own.
    const used = completed.filter((event) => status(event) < 400 || status(event) === 401 || status(event) === 403);
    const entitlements = new Set(used.map(rawAuditEntitlement));
    const impersonated = completed.some((event) => event.impersonatedUser !== undefined);
    expect(impersonated).toBe(true);
    expect(report.summary.entitlements).toBe(entitlements.size + 2);
  });
});

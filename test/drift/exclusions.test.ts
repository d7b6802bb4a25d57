import { describe, expect, it } from "vitest";
import { OptionError } from "../../src/errors.js";
import type { EstateInput } from "../../src/estate/schema.js";
import { type AnalyzeOptions, analyze } from "../../src/pipeline/analyze.js";
import {
  AS_OF,
  LONG_AGO,
  analyzeFrozen,
  findingOf,
  neverUsed,
  recommendationsAbout,
  usedRecently,
} from "./fixtures.js";

type ExclusionInput = NonNullable<AnalyzeOptions["exclusions"]>[number];

/**
 * Two identities, each with one low and one critical dormant grant and one
 * used grant. No role forms, so all four findings are dormant-grant.
 */
const estate: EstateInput = {
  asOf: AS_OF,
  identities: [
    { id: "alice", kind: "human", owner: "bob" },
    { id: "svc-etl", kind: "workload", owner: "data-team" },
  ],
  entitlements: [{ id: "prod:admin", privilege: "critical" }],
  records: [
    neverUsed("alice", "crm:read"),
    neverUsed("alice", "prod:admin"),
    usedRecently("alice", "mail:send"),
    neverUsed("svc-etl", "etl:run"),
    neverUsed("svc-etl", "prod:admin"),
    usedRecently("svc-etl", "queue:read"),
  ],
};

const baseline = analyzeFrozen(estate);
const idOf = (identity: string, entitlement: string) =>
  findingOf(baseline, "dormant-grant", identity, entitlement).id;

/** Subjects of the findings a report kept, sorted. */
const keptSubjects = (exclusions: ExclusionInput[]) =>
  analyzeFrozen(estate, { exclusions })
    .findings.map((f) => `${f.identity} ${f.entitlement}`)
    .sort();

describe("exclusions", () => {
  it("baseline has four dormant grants", () => {
    expect(baseline.findings.map((f) => f.type)).toEqual([
      "dormant-grant",
      "dormant-grant",
      "dormant-grant",
      "dormant-grant",
    ]);
    expect(baseline.excluded).toEqual([]);
  });

  it("identity and entitlement scope one grant", () => {
    const exclusions = [
      { identity: "alice", entitlement: "crm:read", reason: "Needed for the audit" },
    ];
    const report = analyzeFrozen(estate, { exclusions });
    expect(report.excluded).toEqual([
      {
        finding: idOf("alice", "crm:read"),
        type: "dormant-grant",
        identity: "alice",
        entitlement: "crm:read",
        exclusion: 0,
        reason: "Needed for the audit",
      },
    ]);
    expect(report.settings.exclusions).toEqual(exclusions);
    expect(report.findings).toHaveLength(3);
    expect(recommendationsAbout(report, "alice", "crm:read")).toEqual([]);
    expect(report.summary.notes).toEqual([]);
  });

  it("kind scope keeps privileged grants", () => {
    const report = analyzeFrozen(estate, {
      exclusions: [{ kind: "workload", reason: "ETL runs monthly" }],
    });
    expect(report.excluded.map((e) => [e.identity, e.entitlement, e.exclusion])).toEqual([
      ["svc-etl", "etl:run", 0],
    ]);
    expect(findingOf(report, "dormant-grant", "svc-etl", "prod:admin").priority).toBe(
      "critical",
    );
    expect(report.summary.notes).toContain(
      "1 finding on privileged grants matched an exclusion that does not " +
        "name the identity and was kept.",
    );
  });

  it("entitlement scope keeps privileged grants", () => {
    expect(
      keptSubjects([{ entitlement: "prod:admin", reason: "Reviewed elsewhere" }]),
    ).toEqual([
      "alice crm:read",
      "alice prod:admin",
      "svc-etl etl:run",
      "svc-etl prod:admin",
    ]);
    const report = analyzeFrozen(estate, {
      exclusions: [{ entitlement: "prod:admin", reason: "Reviewed elsewhere" }],
    });
    expect(report.excluded).toEqual([]);
    expect(report.summary.notes[0]).toMatch(/^2 findings on privileged grants/);
  });

  it("naming exclusion hides privileged grant", () => {
    expect(
      keptSubjects([
        { identity: "svc-etl", entitlement: "prod:admin", reason: "Deploy key" },
      ]),
    ).toEqual(["alice crm:read", "alice prod:admin", "svc-etl etl:run"]);
  });

  it("later naming exclusion beats broader one", () => {
    const report = analyzeFrozen(estate, {
      exclusions: [
        { kind: "workload", reason: "ETL runs monthly" },
        { identity: "svc-etl", entitlement: "prod:admin", reason: "Deploy key" },
      ],
    });
    const byExclusion = report.excluded
      .map((e) => [e.exclusion, e.entitlement])
      .sort();
    expect(byExclusion).toEqual([
      [0, "etl:run"],
      [1, "prod:admin"],
    ]);
    expect(report.summary.notes).toEqual([]);
  });

  it("identity scope hides all its findings", () => {
    expect(keptSubjects([{ identity: "svc-etl", reason: "Decommissioning" }])).toEqual([
      "alice crm:read",
      "alice prod:admin",
    ]);
  });

  it("kind scope hides identity findings", () => {
    const report = analyzeFrozen(
      {
        asOf: AS_OF,
        identities: [{ id: "svc-bi", kind: "service-account" }],
        records: [
          usedRecently("svc-bi", "bi:read"),
        ],
      },
      { exclusions: [{ kind: "service-account", reason: "Owners tracked in CMDB" }] },
    );
    expect(report.findings).toEqual([]);
    expect(report.excluded.map((e) => [e.type, e.identity, e.entitlement])).toEqual([
      ["ownerless-identity", "svc-bi", null],
    ]);
    expect(report.recommendations).toEqual([]);
  });

  it("membership giving privileged access is kept", () => {
    const report = analyzeFrozen(
      {
        asOf: AS_OF,
        identities: [{ id: "svc-etl", kind: "workload", owner: "data-team" }],
        entitlements: [{ id: "prod:admin", privilege: "critical" }],
        records: [
          { identity: "svc-etl", entitlement: "grp-ops", grantedAt: LONG_AGO },
          { ...neverUsed("svc-etl", "prod:admin"), via: "grp-ops" },
          usedRecently("svc-etl", "queue:read"),
        ],
      },
      { exclusions: [{ kind: "workload", reason: "ETL runs monthly" }] },
    );
    const finding = findingOf(report, "idle-membership", "svc-etl", "grp-ops");
    expect(finding.priority).toBe("critical");
    expect(report.excluded).toEqual([]);
  });

  it("exclusion without a scope is rejected", () => {
    const run = () =>
      analyze(estate, { exclusions: [{ reason: "Everything" }] });
    expect(run).toThrow(OptionError);
    expect(run).toThrow(
      'at exclusions.0: received {"reason":"Everything"}, expected at least ' +
        "one of identity, entitlement and kind",
    );
  });

  it("exclusion without a reason is rejected", () => {
    const run = () =>
      analyze(estate, { exclusions: [{ identity: "alice" } as ExclusionInput] });
    expect(run).toThrow(OptionError);
    expect(run).toThrow(
      "at exclusions.0.reason: received nothing (the field is missing), " +
        "expected a non-empty reason",
    );
  });
});

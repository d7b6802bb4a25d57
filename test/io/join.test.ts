import { describe, expect, it } from "vitest";
import { buildEstate } from "../../src/estate/estate.js";
import type {
  ObservedPair,
  ObservedUsage,
} from "../../src/io/activity-log/observed.js";
import type { ReadSummary } from "../../src/io/activity-log/summary.js";
import type { Grant } from "../../src/io/grants.js";
import { joinUsage } from "../../src/io/join.js";
import { deepFreeze } from "../helpers/datasets.js";
import { cellTotals, inputError } from "./helpers.js";

const readSummary: ReadSummary = {
  source: "cloudtrail",
  files: 1,
  filesSkipped: 0,
  eventsRead: 6,
  eventsCounted: 6,
  eventsSkipped: 0,
  skipped: {
    errored: 0,
    unresolvedIdentity: 0,
    insight: 0,
    duplicate: 0,
    stage: 0,
  },
  erroredCalls: {},
  uses: 4,
  failures: 2,
  channels: { interactive: 1, "non-interactive": 0, api: 5, service: 0 },
  from: "2026-03-01T08:00:00.000Z",
  to: "2026-03-02T17:00:00.000Z",
};

function pair(fields: Partial<ObservedPair>): ObservedPair {
  return {
    identity: "ana",
    entitlement: "read",
    channel: "api",
    uses: 0,
    lastUsedAt: undefined,
    failures: 0,
    lastFailureAt: undefined,
    days: [],
    ...fields,
  };
}

// ana reads on two channels, writes once, is denied delete; carl is only
// in an errored call, so the telemetry covers him without a pair.
const usage: ObservedUsage = deepFreeze({
  summary: readSummary,
  granularity: "action",
  pairs: [
    pair({
      uses: 2,
      lastUsedAt: "2026-03-02T09:00:00.000Z",
      days: ["2026-03-01", "2026-03-02"],
    }),
    pair({
      channel: "interactive",
      uses: 1,
      lastUsedAt: "2026-03-01T08:00:00.000Z",
      days: ["2026-03-01"],
    }),
    pair({
      entitlement: "write",
      uses: 1,
      lastUsedAt: "2026-03-01T10:00:00.000Z",
      days: ["2026-03-01"],
    }),
    pair({
      entitlement: "delete",
      failures: 2,
      lastFailureAt: "2026-03-02T17:00:00.000Z",
    }),
  ],
  identities: [{ id: "ana", kind: "human" }, { id: "carl" }],
  entitlements: [
    { id: "read", system: "crm" },
    { id: "write", system: "crm" },
    { id: "delete", system: "crm" },
  ],
});

const grants: readonly Grant[] = deepFreeze([
  { identity: "ana", entitlement: "read", grantedAt: "2025-06-01" },
  { identity: "ana", entitlement: "read", grantedAt: "2025-01-01", via: "g" },
  { identity: "ana", entitlement: "delete" },
  { identity: "carl", entitlement: "read" },
  { identity: "dora", entitlement: "write" },
]);

describe("joinUsage with a grants file", () => {
  const { parts, summary } = joinUsage(grants, usage);
  const records = (identity: string, entitlement: string) =>
    parts.records.filter(
      (r) => r.identity === identity && r.entitlement === entitlement,
    );

  it("grants the pairs the file names", () => {
    for (const record of records("ana", "read")) {
      expect(record.granted).toBe(true);
      expect(record.grantedAt).toBe("2025-01-01");
      expect(record.via).toBe("g");
    }
    expect(summary.grantsSource).toBe("file");
    expect(summary.grants).toBe(5);
    expect(summary.repeatedGrants).toBe(1);
    expect(summary.grantedPairs).toBe(4);
  });

  it("keeps usage without a grant", () => {
    expect(records("ana", "write")).toEqual([
      {
        identity: "ana",
        entitlement: "write",
        granted: false,
        uses: 1,
        failures: 0,
        channel: "api",
        granularity: "action",
        lastUsedAt: "2026-03-01T10:00:00.000Z",
        history: ["2026-03-01"],
      },
    ]);
    expect(summary.ungrantedUsedPairs).toBe(1);
  });

  it("records an unused grant of a covered identity", () => {
    expect(records("carl", "read")).toEqual([
      {
        identity: "carl",
        entitlement: "read",
        granted: true,
        uses: 0,
        failures: 0,
        granularity: "action",
      },
    ]);
  });

  it("leaves an unobserved identity's usage unknown", () => {
    expect(records("dora", "write")).toEqual([
      { identity: "dora", entitlement: "write", granted: true },
    ]);
    expect(summary.unobservedGrantedPairs).toBe(1);
  });

  it("counts a denied grant as unused", () => {
    expect(records("ana", "delete")[0]).toMatchObject({
      granted: true,
      uses: 0,
      failures: 2,
    });
    // carl's read and ana's delete.
    expect(summary.unusedGrantedPairs).toBe(2);
    expect(summary.deniedOnlyPairs).toBe(1);
  });

  it("lists identities and entitlements once", () => {
    expect(parts.identities).toEqual([
      { id: "ana", kind: "human" },
      { id: "carl" },
      { id: "dora" },
    ]);
    expect(parts.entitlements?.map((e) => e.id)).toEqual([
      "read",
      "write",
      "delete",
    ]);
    expect(summary.identities).toBe(3);
    expect(summary.entitlements).toBe(3);
  });

  it("covers the identities and span of the log", () => {
    expect(parts.telemetry).toEqual({
      from: "2026-03-01T08:00:00.000Z",
      collectedAt: "2026-03-02T17:00:00.000Z",
      identities: ["ana", "carl"],
    });
  });

  it("builds an estate that merges channels", () => {
    const estate = buildEstate(parts);
    expect(estate.matrix.cellCount).toBe(5);
    expect(estate.mergedRecords).toBe(1);
    expect(cellTotals(parts).get("ana read")).toEqual({ uses: 3, failures: 0 });
    const read = estate.matrix.entitlements.indexOf("read");
    const anaFirst = estate.matrix.rowOffsets[0]!;
    expect(estate.matrix.identities[0]).toBe("ana");
    expect(estate.matrix.columns[anaFirst]).toBe(read);
    // The interactive (1) and api (4) channel bits.
    expect(estate.matrix.channels[anaFirst]).toBe(5);
  });
});

describe("joinUsage without grants", () => {
  const { parts, summary } = joinUsage(undefined, usage);

  it("grants exactly the used pairs", () => {
    const granted = parts.records.map((r) => [r.entitlement, r.granted]);
    expect(granted).toEqual([
      ["read", true],
      ["read", true],
      ["write", true],
      ["delete", false],
    ]);
    expect(summary.grantsSource).toBe("observed");
    expect(summary.grantedPairs).toBe(2);
    expect(summary.unusedGrantedPairs).toBe(0);
    expect(summary.ungrantedUsedPairs).toBe(0);
  });

  it("lists only identities with records", () => {
    expect(parts.identities).toEqual([{ id: "ana", kind: "human" }]);
    expect(parts.telemetry?.identities).toEqual(["ana", "carl"]);
  });

  it("carries the read counts into the summary", () => {
    expect(summary.eventsRead).toBe(6);
    expect(summary.channels).toEqual(readSummary.channels);
    expect(summary.records).toBe(4);
    expect(summary.observedPairs).toBe(3);
  });
});

describe("joinUsage with an empty grants list", () => {
  it("grants nothing and keeps all usage", () => {
    const { parts, summary } = joinUsage([], usage);
    expect(summary.grantsSource).toBe("file");
    expect(parts.records.every((record) => record.granted === false)).toBe(true);
    expect(summary.ungrantedUsedPairs).toBe(2);
  });
});

describe("joinUsage grant checks", () => {
  it("keeps the earliest grant date across offsets", () => {
    const { parts } = joinUsage(
      [
        {
          identity: "ana",
          entitlement: "write",
          grantedAt: "2026-01-01T01:00:00+03:00",
        },
        {
          identity: "ana",
          entitlement: "write",
          grantedAt: "2025-12-31T23:00:00Z",
        },
      ],
      usage,
    );
    const write = parts.records.find((r) => r.entitlement === "write");
    expect(write?.grantedAt).toBe("2026-01-01T01:00:00+03:00");
  });

  it("rejects an invalid grant with its path", () => {
    const bad = [{ identity: "", entitlement: "read" }] as Grant[];
    const error = inputError(() => joinUsage(bad, usage));
    expect(error.message).toContain("Invalid grants");
    expect(error.issues[0]).toEqual({
      path: "0.identity",
      received: '""',
      expected: "a non-empty string id",
    });
  });
});


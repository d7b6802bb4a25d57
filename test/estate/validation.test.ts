import { describe, expect, it } from "vitest";
import { InputError, OptionError } from "../../src/errors.js";
import { createEstate, safeCreateEstate } from "../../src/estate/parse.js";
import { parsePairs } from "../../src/io/pairs.js";
import { parseUsageCsv } from "../../src/io/usage-csv.js";
import { analyze } from "../../src/pipeline/analyze.js";

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

describe("createEstate validation", () => {
  it("rejects negative uses with path and value", () => {
    const error = inputError(() =>
      createEstate([{ identity: "a", entitlement: "x", uses: -2 }]),
    );
    expect(error.code).toBe("invalid_input");
    expect(error.message).toContain("at 0.uses: received -2");
    expect(error.message).toContain("a whole number of uses, 0 or more");
  });

  it("rejects fractional uses", () => {
    const error = inputError(() =>
      createEstate({ records: [{ identity: "a", entitlement: "x", uses: 1.5 }] }),
    );
    expect(error.message).toContain("at records.0.uses: received 1.5");
  });

  it("rejects an impossible calendar date", () => {
    const error = inputError(() =>
      createEstate([{ identity: "a", entitlement: "x", lastUsedAt: "2026-02-30" }]),
    );
    expect(error.message).toContain('at 0.lastUsedAt: received "2026-02-30"');
    expect(error.message).toContain("an ISO-8601 date such as 2026-03-01");
  });

  it("rejects a missing identity", () => {
    const error = inputError(() => createEstate([{ entitlement: "x" }]));
    expect(error.message).toContain(
      "at 0.identity: received nothing (the field is missing), expected a non-empty string id",
    );
  });

  it("rejects an empty entitlement id", () => {
    const error = inputError(() => createEstate([{ identity: "a", entitlement: "" }]));
    expect(error.message).toContain('at 0.entitlement: received ""');
  });

  it("rejects unknown fields instead of dropping them", () => {
    const error = inputError(() =>
      createEstate([{ identity: "a", entitlement: "x", usage: 3 }]),
    );
    expect(error.message).toContain("at 0.usage: received 3, expected no such field");
    expect(error.issues[0]?.path).toBe("0.usage");
  });

  it("suggests the field meant", () => {
    const error = inputError(() =>
      createEstate({ records: [{ identity: "a", entitlement: "x", lastUsed: "2026-01-01" }] }),
    );
    expect(error.message).toContain(
      'at records.0.lastUsed: received "2026-01-01", expected no such field; did you mean lastUsedAt?',
    );
  });

  it("words a missing list plainly", () => {
    const error = inputError(() => createEstate({}));
    expect(error.message).toContain(
      "at records: received nothing (the field is missing), expected a value of type array",
    );
  });

  it("rejects an unknown identity kind", () => {
    const error = inputError(() =>
      createEstate({ identities: [{ id: "a", kind: "robot" }], records: [] }),
    );
    expect(error.message).toContain('at identities.0.kind: received "robot"');
    expect(error.message).toContain("one of human, service-account");
  });

  it("rejects an identity listed twice", () => {
    const error = inputError(() =>
      createEstate({ identities: [{ id: "a" }, { id: "a" }], records: [] }),
    );
    expect(error.message).toContain('at identities.1.id: received "a"');
    expect(error.message).toContain("an id not listed before");
  });

  it("rejects an alias that is another identity", () => {
    const error = inputError(() =>
      createEstate({
        identities: [{ id: "a", aliases: ["b"] }, { id: "b" }],
        records: [],
      }),
    );
    expect(error.message).toContain('at identities.0.aliases.0: received "b"');
  });

  it("rejects dense rows of the wrong width", () => {
    const error = inputError(() =>
      createEstate({
        identities: ["a", "b"],
        entitlements: ["x", "y"],
        granted: [[1, 0], [1]],
      }),
    );
    expect(error.message).toContain("at granted.1: received [1]");
    expect(error.message).toContain("2 columns, one per entitlement");
  });

  it("rejects a value that is no input form", () => {
    const error = inputError(() => createEstate(42));
    expect(error.message).toContain("received number");
    expect(error.message).toContain("an array of usage records");
  });

  it("lists every issue, not only the first", () => {
    const error = inputError(() =>
      createEstate([
        { identity: "a", entitlement: "x", uses: -1 },
        { identity: "", entitlement: "y" },
      ]),
    );
    expect(error.issues).toHaveLength(2);
    expect(error.message).toContain("2 issues");
  });

  it("safeCreateEstate returns the error", () => {
    const result = safeCreateEstate([{ identity: "a" }]);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.error).toBeInstanceOf(InputError);
      expect(result.error.message).toContain("at 0.entitlement");
    }
  });
});

describe("parsePairs", () => {
  it("names a line with three fields", () => {
    const error = inputError(() => parsePairs("1 2\n3 4 5\n"));
    expect(error.message).toContain('at line 2: received "3 4 5"');
    expect(error.message).toContain("two whitespace-separated ids");
  });

  it("keeps ids as written and skips blank lines", () => {
    expect(parsePairs("  1   7\n\n# note\n02 7\n")).toEqual([
      { identity: "1", entitlement: "7" },
      { identity: "02", entitlement: "7" },
    ]);
  });
});

describe("parseUsageCsv", () => {
  it("requires identity and entitlement columns", () => {
    const error = inputError(() => parseUsageCsv("user,permission\na,b\n"));
    expect(error.message).toContain('at header: received "user,permission"');
    expect(error.message).toContain("identity and entitlement");
  });

  it("names the line and column of a bad count", () => {
    const error = inputError(() =>
      parseUsageCsv("identity,entitlement,uses,last_used\na,x,3,2026-01-01\nb,y,many,\n"),
    );
    expect(error.message).toContain('at line 3, column uses: received "many"');
  });

  it("names a bad date and a bad granted flag", () => {
    const error = inputError(() =>
      parseUsageCsv("identity,entitlement,last_used,granted\na,x,yesterday,maybe\n"),
    );
    expect(error.message).toContain('at line 2, column last_used: received "yesterday"');
    expect(error.message).toContain('at line 2, column granted: received "maybe"');
  });

  it("counts lines across blank lines", () => {
    const error = inputError(() =>
      parseUsageCsv("identity,entitlement,uses\n\na,x,1\n\nb,y,lots\n"),
    );
    expect(error.message).toContain('at line 5, column uses: received "lots"');
  });

  it("reads quoted and plain files alike", () => {
    const plain = parseUsageCsv("identity,entitlement,uses\r\na,x,1\r\nb,y,2\r\n");
    const quoted = parseUsageCsv('identity,entitlement,uses\r\n"a",x,1\r\nb,"y",2\r\n');
    expect(quoted).toEqual(plain);
  });

  it("rejects a row with a missing field", () => {
    const error = inputError(() => parseUsageCsv("identity,entitlement\na\n"));
    expect(error.message).toContain("at line 2: received 1 field, expected 2 fields, as in the header");
  });

  it("reads the grant and failure columns", () => {
    const csv = parseUsageCsv(
      "identity,entitlement,uses,granted_at,via,failures,last_failure,channel,granularity\n" +
        "a,x,0,2026-01-05,grp:ops,3,2026-11-02,api,service\n",
    );
    expect(csv.ignoredColumns).toEqual([]);
    expect(csv.records).toEqual([
      {
        identity: "a",
        entitlement: "x",
        uses: 0,
        grantedAt: "2026-01-05",
        via: "grp:ops",
        failures: 3,
        lastFailureAt: "2026-11-02",
        channel: "api",
        granularity: "service",
      },
    ]);
  });

  it("names bad grant and failure cells", () => {
    const error = inputError(() =>
      parseUsageCsv("identity,entitlement,failures,channel,granularity\na,x,-1,web,row\n"),
    );
    expect(error.message).toContain('at line 2, column failures: received "-1"');
    expect(error.message).toContain('at line 2, column channel: received "web", expected one of interactive');
    expect(error.message).toContain('at line 2, column granularity: received "row", expected one of action, service');
  });

  it("reports columns it does not read", () => {
    const csv = parseUsageCsv("identity,entitlement,uses,team\na,x,1,blue\n");
    expect(csv.ignoredColumns).toEqual(["team"]);
    expect(csv.records).toEqual([{ identity: "a", entitlement: "x", uses: 1 }]);
  });

  it("reads an empty last_used as never used", () => {
    const csv = parseUsageCsv("identity,entitlement,uses,last_used\na,x,0,\n");
    expect(csv.records[0]?.lastUsedAt).toBeNull();
  });
});

describe("summary notes on input mistakes", () => {
  it("suggests a misspelled CSV column", () => {
    const csv = parseUsageCsv("identity,entitlement,uses,last_used_at\na,x,1,2026-01-01\n");
    const report = analyze(csv.records, { ignoredColumns: csv.ignoredColumns, timings: false });
    expect(report.summary.notes.join(" ")).toContain(
      "Columns not read: last_used_at; check for a misspelled column name (last_used_at: did you mean last_used?).",
    );
  });

  it("flags telemetry ids with no identity", () => {
    const report = analyze(
      {
        telemetry: { identities: ["alice", "bobb"] },
        records: [
          { identity: "alice", entitlement: "x", uses: 1 },
          { identity: "bob", entitlement: "x", uses: 1 },
        ],
      },
      { timings: false },
    );
    expect(report.summary.notes.join(" ")).toContain(
      "The telemetry lists 1 identity that the estate does not have (bobb); check the ids.",
    );
  });
});

describe("analyze option validation", () => {
  const records = [{ identity: "a", entitlement: "x", uses: 1 }];

  function optionError(options: unknown): OptionError {
    try {
      analyze(records, options as never);
    } catch (error) {
      expect(error).toBeInstanceOf(OptionError);
      return error as OptionError;
    }
    throw new Error("expected an OptionError, but nothing was thrown");
  }

  it("rejects support above 1", () => {
    const error = optionError({ support: 1.5 });
    expect(error.code).toBe("invalid_option");
    expect(error.message).toContain("at support: received 1.5");
    expect(error.message).toContain("a share greater than 0 and at most 1");
  });

  it("rejects a zero window", () => {
    const error = optionError({ windowDays: 0 });
    expect(error.message).toContain("at windowDays: received 0");
  });

  it("rejects k of zero", () => {
    const error = optionError({ k: 0 });
    expect(error.message).toContain("at k: received 0");
    expect(error.message).toContain('or "auto"');
  });

  it("rejects an unknown option", () => {
    const error = optionError({ sead: 3 });
    expect(error.message).toContain("sead");
  });

  it("rejects an exclusion without scope", () => {
    const error = optionError({ exclusions: [{ reason: "approved" }] });
    expect(error.message).toContain("at least one of identity, entitlement and kind");
  });
});

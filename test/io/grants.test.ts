import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import {
  GrantSchema,
  parseGrantsCsv,
  parseGrantsJson,
  readGrantsFile,
} from "../../src/io/grants.js";
import { inputError } from "./helpers.js";

const ROLE = "arn:aws:iam::111111111111:role/deploy";

describe("parseGrantsCsv", () => {
  it("counts lines across blank lines", () => {
    const error = inputError(() =>
      parseGrantsCsv("identity,entitlement,granted_at\n\nana,x,2026-01-05\n\nbob,y,soon\n"),
    );
    expect(error.message).toContain('at line 5, column granted_at: received "soon"');
  });

  it("reads required and optional columns", () => {
    const { grants, ignoredColumns } = parseGrantsCsv(
      "Identity,Entitlement,granted_at,via,source\n" +
        `${ROLE},s3.amazonaws.com:GetObject,2026-01-05,,hr\n` +
        `${ROLE},s3.amazonaws.com:PutObject,,group:writers,hr\n`,
    );
    expect(grants).toEqual([
      {
        identity: ROLE,
        entitlement: "s3.amazonaws.com:GetObject",
        grantedAt: "2026-01-05",
      },
      {
        identity: ROLE,
        entitlement: "s3.amazonaws.com:PutObject",
        via: "group:writers",
      },
    ]);
    expect(ignoredColumns).toEqual(["source"]);
  });

  it("accepts a file with only the two ids", () => {
    const { grants } = parseGrantsCsv("identity,entitlement\nana,crm:read\n");
    expect(grants).toEqual([{ identity: "ana", entitlement: "crm:read" }]);
  });

  it("rejects a missing entitlement column", () => {
    const error = inputError(() => parseGrantsCsv("identity,via\nana,g\n"));
    expect(error.message).toContain("Invalid grants CSV");
    expect(error.message).toContain(
      'at header: received "identity,via", expected a header with the ' +
        "columns entitlement",
    );
  });

  it("names line and column of a bad date", () => {
    const error = inputError(() =>
      parseGrantsCsv("identity,entitlement,granted_at\nana,crm:read,5 May\n"),
    );
    expect(error.issues).toEqual([
      {
        path: "line 2, column granted_at",
        received: '"5 May"',
        expected: "an ISO-8601 date such as 2026-03-01",
      },
    ]);
  });

  it("rejects an empty identity", () => {
    const error = inputError(() =>
      parseGrantsCsv("identity,entitlement\n,crm:read\n"),
    );
    expect(error.issues[0]?.path).toBe("line 2, column identity");
    expect(error.issues[0]?.expected).toBe("a non-empty id");
  });

  it("rejects rows of uneven length", () => {
    const error = inputError(() =>
      parseGrantsCsv("identity,entitlement\nana,crm:read,extra\n"),
    );
    expect(error.message).toContain("Invalid grants CSV");
    expect(error.issues[0]?.path).toBe("line 2");
    expect(error.issues[0]?.received).toBe("3 fields");
    expect(error.issues[0]?.expected).toBe("2 fields, as in the header");
  });
});

describe("parseGrantsJson", () => {
  it("reads an array of grants", () => {
    const grants = parseGrantsJson(
      JSON.stringify([
        { identity: "ana", entitlement: "crm:read", grantedAt: "2026-01-05" },
        { identity: "ana", entitlement: "crm:write", via: "group:sales" },
      ]),
    );
    expect(grants).toHaveLength(2);
    expect(grants[1]?.via).toBe("group:sales");
  });

  it("rejects a misspelt key", () => {
    const error = inputError(() =>
      parseGrantsJson(
        '[{"identity": "ana", "entitlement": "x", "granted_at": "2026-01-05"}]',
      ),
    );
    expect(error.message).toContain("Invalid grants JSON");
    expect(error.issues[0]?.path).toBe("0.granted_at");
    expect(error.issues[0]?.expected).toBe(
      "only the keys identity, entitlement, grantedAt and via; " +
        "rename or remove granted_at",
    );
  });

  it("names the path of a bad date", () => {
    const error = inputError(() =>
      parseGrantsJson(
        '[{"identity": "ana", "entitlement": "x", "grantedAt": "soon"}]',
      ),
    );
    expect(error.issues[0]).toEqual({
      path: "0.grantedAt",
      received: '"soon"',
      expected: "an ISO-8601 date such as 2026-03-01 or 2026-03-01T12:00:00Z",
    });
  });

  it("rejects a grant that is not an object", () => {
    const error = inputError(() => parseGrantsJson("[5]"));
    expect(error.issues[0]).toEqual({
      path: "0",
      received: "5",
      expected: "a grant object {identity, entitlement, grantedAt?, via?}",
    });
  });

  it("rejects an object in place of an array", () => {
    const error = inputError(() => parseGrantsJson('{"grants": []}'));
    expect(error.issues[0]?.expected).toBe(
      "an array of grants {identity, entitlement, grantedAt?, via?}",
    );
  });

  it("rejects text that is not JSON", () => {
    const error = inputError(() => parseGrantsJson("identity,entitlement"));
    expect(error.issues[0]?.path).toBe("file");
    expect(error.issues[0]?.expected).toBe(
      "a JSON array of grants {identity, entitlement, ...}",
    );
  });

  it("exports a schema that validates one grant", () => {
    expect(GrantSchema.safeParse({ identity: "a", entitlement: "" }).success)
      .toBe(false);
  });
});

describe("readGrantsFile", () => {
  let folder: string;
  const file = (name: string) => join(folder, name);

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "rolemine-grants-"));
    writeFileSync(file("grants.csv"), "identity,entitlement\nana,crm:read\n");
    writeFileSync(
      file("grants.json"),
      '[{"identity": "ana", "entitlement": "crm:read"}]',
    );
    writeFileSync(file("grants.txt"), '[{"identity": "ana", "entitlement": "x"}]');
    writeFileSync(file("bad.json"), '[{"identity": ""}]');
  });

  afterAll(() => rmSync(folder, { recursive: true }));

  it("reads CSV and JSON by extension", async () => {
    const csv = await readGrantsFile(file("grants.csv"));
    const json = await readGrantsFile(file("grants.json"));
    expect(csv.grants).toEqual(json.grants);
    expect(json.ignoredColumns).toEqual([]);
  });

  it("reads an unknown extension by content", async () => {
    const { grants } = await readGrantsFile(file("grants.txt"));
    expect(grants).toEqual([{ identity: "ana", entitlement: "x" }]);
  });

  it("names the file of bad grants", async () => {
    await expect(readGrantsFile(file("bad.json"))).rejects.toThrow(
      `Invalid grants JSON ${file("bad.json")}`,
    );
  });

  it("rejects a missing file", async () => {
    await expect(readGrantsFile(file("missing.csv"))).rejects.toThrow(
      InputError,
    );
    await expect(readGrantsFile(file("missing.csv"))).rejects.toThrow(
      "expected an existing, readable grants file (.csv or .json)",
    );
  });
});

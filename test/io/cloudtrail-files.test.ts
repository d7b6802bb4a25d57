import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OptionError } from "../../src/errors.js";
import type { LoadProgress } from "../../src/io/activity-log/options.js";
import { LogShapeError } from "../../src/io/activity-log/shape-error.js";
import { loadCloudTrail, readCloudTrail } from "../../src/io/cloudtrail/load.js";
import { RecordSplitter } from "../../src/io/cloudtrail/records.js";
import { inputErrorOf } from "./helpers.js";

/** Splits `text` in chunks of `size` characters and returns the events. */
function split(text: string, size = text.length): string[] {
  const events: string[] = [];
  const splitter = new RecordSplitter((event) => events.push(event));
  for (let at = 0; at < text.length; at += size) {
    splitter.write(text.slice(at, at + size));
  }
  splitter.end();
  return events;
}

function shapeError(run: () => unknown): LogShapeError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LogShapeError);
    return error as LogShapeError;
  }
  throw new Error("expected a LogShapeError, but nothing was thrown");
}

const event = (name: string) => ({
  eventTime: "2023-07-10T12:00:00Z",
  eventSource: "iam.amazonaws.com",
  eventName: name,
  userIdentity: { type: "IAMUser", arn: "arn:aws:iam::1:user/ana" },
});

describe("RecordSplitter", () => {
  // Strings hold brackets, escaped quotes and a key named Records, which
  // the splitter must not take for structure.
  const tricky = [
    { a: '{"Records": [', b: "x\\\"]}", c: [1, { d: "}" }] },
    { e: "ü€😀", f: null, g: "ends in a backslash \\", h: "\\\"" },
  ];
  const delivery = JSON.stringify({ Records: tricky }, null, 2);

  it("splits a delivery file into events", () => {
    const events = split(delivery);
    expect(events.map((text) => JSON.parse(text))).toEqual(tricky);
  });

  it("splits the same at every chunk size", () => {
    for (let size = 1; size <= 40; size++) {
      expect(split(delivery, size).map((text) => JSON.parse(text))).toEqual(
        tricky,
      );
    }
  });

  it("splits a bare array of events", () => {
    const events = split(`\uFEFF${JSON.stringify(tricky)}`, 7);
    expect(events.map((text) => JSON.parse(text))).toEqual(tricky);
  });

  it("passes over other top-level keys", () => {
    const text = JSON.stringify({ x: { Records: [1] }, Records: [{ y: 2 }] });
    expect(split(text, 3)).toEqual(['{"y":2}']);
  });

  it("accepts an empty Records array", () => {
    expect(split('{"Records": []}')).toEqual([]);
  });

  it("rejects an object without Records", () => {
    const error = shapeError(() => split('{"awsAccountId": "1", "x": []}'));
    expect(error.path).toBe("");
    expect(error.received).toContain('without a "Records" array');
    expect(error.received).toContain("awsAccountId, x");
    expect(error.expected).toContain('{"Records": [...]}');
  });

  it("rejects an event that is not an object", () => {
    const error = shapeError(() => split('{"Records": [{}, 5]}'));
    expect(error.path).toBe("Records.1");
    expect(error.expected).toBe("an event object {...}");
  });

  it("rejects a truncated file", () => {
    const error = shapeError(() => split('{"Records": [{"a": 1}, {"b": '));
    expect(error.path).toBe("Records.1");
    expect(error.expected).toContain("may be truncated");
  });

  it("rejects text after the document", () => {
    const error = shapeError(() => split('[{"a": 1}]\n[{"b": 2}]'));
    expect(error.received).toContain("more text after the end");
  });

  it("rejects mismatched brackets", () => {
    const error = shapeError(() => split('{"other": [}'));
    expect(error.expected).toBe("a matching ]");
    const inEvent = shapeError(() => split('{"Records": [{"a": 1]}'));
    expect(inEvent.path).toBe("Records.0");
    expect(inEvent.expected).toBe("a matching }");
  });

  it("rejects an empty file", () => {
    const error = shapeError(() => split("  \n"));
    expect(error.received).toBe("an empty file");
  });

  it("rejects a value that is not an object or array", () => {
    const error = shapeError(() => split('"Records"'));
    expect(error.path).toBe("");
    expect(error.received).toBe('"\\"Records\\""');
    expect(error.expected).toContain("a JSON array of events");
  });
});

describe("readCloudTrail files and errors", () => {
  let folder: string;
  const file = (...parts: string[]) => join(folder, ...parts);

  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "rolemine-cloudtrail-files-"));
    mkdirSync(file("logs", "2023", "07"), { recursive: true });
    const delivery = JSON.stringify({ Records: [event("A"), event("B")] });
    writeFileSync(file("logs", "2023", "07", "one.json.gz"), gzipSync(delivery));
    writeFileSync(file("logs", "two.json"), JSON.stringify([event("C")]));
    writeFileSync(
      file("logs", "111_CloudTrail-Digest_us-east-1_x.json.gz"),
      gzipSync('{"awsAccountId": "111"}'),
    );
    writeFileSync(file("logs", "notes.txt"), "not a log");
    writeFileSync(file("gzip-named-plain.gz"), delivery);
    writeFileSync(file("plain-named-gzip.json"), gzipSync(delivery));
    writeFileSync(file("bad-event.json"), '{"Records": [{"eventTime": 5}]}');
    writeFileSync(file("bad-json.json"), '{"Records": [{"eventTime": }]}');
    writeFileSync(file("other.json"), '{"apiVersion": "v1", "items": []}');
    writeFileSync(file("broken.json.gz"), gzipSync(delivery).subarray(0, 30));
    mkdirSync(file("empty"));
  });

  afterAll(() => rmSync(folder, { recursive: true }));

  it("walks folders for json and gzip files", async () => {
    const usage = await readCloudTrail(file("logs"));
    expect(usage.summary.files).toBe(2);
    expect(usage.summary.eventsRead).toBe(3);
    expect(usage.entitlements.map((e) => e.id).sort()).toEqual([
      "iam.amazonaws.com:A",
      "iam.amazonaws.com:B",
      "iam.amazonaws.com:C",
    ]);
  });

  it("passes over digest files", async () => {
    const usage = await readCloudTrail(file("logs"));
    expect(usage.summary.filesSkipped).toBe(1);
  });

  it("detects gzip by content, not by name", async () => {
    const usage = await readCloudTrail([
      file("gzip-named-plain.gz"),
      file("plain-named-gzip.json"),
    ]);
    expect(usage.summary.files).toBe(2);
    expect(usage.summary.eventsRead).toBe(4);
  });

  it("reports progress per file", async () => {
    const reports: LoadProgress[] = [];
    await readCloudTrail(file("logs"), {
      onProgress: (progress) => reports.push(progress),
    });
    expect(reports).toEqual([
      { files: 1, events: 2 },
      { files: 2, events: 3 },
    ]);
  });

  it("reports progress every 10,000 events", async () => {
    const many = Array.from({ length: 25_000 }, (_, i) => event(`A${i % 7}`));
    writeFileSync(file("many.json"), JSON.stringify(many));
    const reports: LoadProgress[] = [];
    const usage = await readCloudTrail(file("many.json"), {
      onProgress: (progress) => reports.push(progress),
    });
    expect(reports).toEqual([
      { files: 0, events: 10_000 },
      { files: 0, events: 20_000 },
      { files: 1, events: 25_000 },
    ]);
    expect(usage.summary.uses).toBe(25_000);
    expect(usage.pairs).toHaveLength(7);
  });

  it("names file and path of a bad event", async () => {
    const error = await inputErrorOf(() => readCloudTrail(file("bad-event.json")));
    const subject = `Invalid CloudTrail file ${file("bad-event.json")}`;
    expect(error.message).toContain(subject);
    expect(error.issues[0]?.path).toBe("Records.0.eventTime");
    expect(error.message).toContain("received 5");
    expect(error.message).toContain("is this a CloudTrail log?");
  });

  it("names file and path of bad JSON", async () => {
    const error = await inputErrorOf(() => readCloudTrail(file("bad-json.json")));
    expect(error.message).toContain(file("bad-json.json"));
    expect(error.issues[0]?.path).toBe("Records.0");
    expect(error.issues[0]?.expected).toMatch(/^a valid JSON event \(/);
  });

  it("rejects JSON that is not CloudTrail", async () => {
    const error = await inputErrorOf(() => readCloudTrail(file("other.json")));
    expect(error.message).toContain(file("other.json"));
    expect(error.message).toContain('an object without a "Records" array');
    expect(error.message).toContain("keys: apiVersion, items");
  });

  it("names a truncated gzip file", async () => {
    const error = await inputErrorOf(() => readCloudTrail(file("broken.json.gz")));
    expect(error.message).toContain(file("broken.json.gz"));
    expect(error.issues[0]?.path).toBe("file");
    expect(error.issues[0]?.expected).toBe(
      "a readable file, gzip-compressed or plain",
    );
  });

  it("rejects a missing path", async () => {
    const error = await inputErrorOf(() => readCloudTrail(file("missing")));
    expect(error.message).toContain("Invalid CloudTrail input");
    expect(error.message).toContain(JSON.stringify(file("missing")));
    expect(error.issues[0]?.expected).toBe(
      "an existing, readable file or folder",
    );
  });

  it("rejects a folder without CloudTrail files", async () => {
    const error = await inputErrorOf(() => readCloudTrail(file("empty")));
    expect(error.issues[0]?.expected).toBe(
      "a folder holding .json or .json.gz CloudTrail files",
    );
  });

  it("rejects an empty path list", async () => {
    const error = await inputErrorOf(() => readCloudTrail([]));
    expect(error.issues[0]?.received).toBe("an empty list");
  });

  it("rejects an unknown erroredCalls option", async () => {
    const options = { erroredCalls: "maybe" } as unknown as Parameters<
      typeof loadCloudTrail
    >[1];
    await expect(loadCloudTrail(file("logs"), options)).rejects.toThrow(
      OptionError,
    );
    await expect(loadCloudTrail(file("logs"), options)).rejects.toThrow(
      'at erroredCalls: received "maybe", expected "skip" or "use"',
    );
  });
});

import { createReadStream } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { type Readable, pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { InputError, RolemineError, describeValue } from "../../errors.js";

/** Log files found under the paths given, in the order they are read. */
export interface LogFileList {
  readonly files: readonly string[];
  /** Files inside the folders that `skip` passed over. */
  readonly skipped: number;
}

/** Filter of the files that a reader takes from a folder. */
export interface LogFileFilter {
  /** Whether a file found inside a folder is a log file of the format. */
  accept(name: string): boolean;
  /** Whether an accepted file is still passed over (and counted). */
  skip?(name: string): boolean;
  /** Description of the accepted files, for the message when none is found. */
  readonly description: string;
}

/**
 * Lists the log files of `paths`. A file is taken as given, whatever its
 * name. A folder is walked recursively in name order, and the files that
 * the filter accepts are taken. Symbolic links inside folders are not
 * followed.
 *
 * @throws {InputError} when a path does not exist, or a folder contains
 *   no file that the filter accepts.
 */
export async function listLogFiles(
  paths: string | readonly string[],
  filter: LogFileFilter,
  subject: string,
): Promise<LogFileList> {
  const roots = typeof paths === "string" ? [paths] : [...paths];
  if (roots.length === 0) {
    throw new InputError(subject, [
      {
        path: "paths",
        received: "an empty list",
        expected: "at least one file or folder",
      },
    ]);
  }

  const files: string[] = [];
  let skipped = 0;
  for (const root of roots) {
    const info = await stat(root).catch((error: unknown) => {
      throw new InputError(
        subject,
        [
          {
            path: "paths",
            received: describeValue(root),
            expected: "an existing, readable file or folder",
          },
        ],
        { cause: error },
      );
    });
    if (!info.isDirectory()) {
      files.push(root);
      continue;
    }

    const found = await walk(root, filter);
    skipped += found.skipped;
    if (found.files.length === 0) {
      throw new InputError(subject, [
        {
          path: "paths",
          received: describeValue(root),
          expected: `a folder holding ${filter.description}`,
        },
      ]);
    }
    files.push(...found.files);
  }
  return { files, skipped };
}

async function walk(
  folder: string,
  filter: LogFileFilter,
): Promise<{ files: string[]; skipped: number }> {
  const entries = await readdir(folder, { withFileTypes: true });
  // Code-unit order, the same on every machine, unlike localeCompare.
  entries.sort((a, b) => compareNames(a.name, b.name));
  const files: string[] = [];
  let skipped = 0;
  for (const entry of entries) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      const inner = await walk(path, filter);
      files.push(...inner.files);
      skipped += inner.skipped;
    } else if (entry.isFile() && filter.accept(entry.name)) {
      if (filter.skip?.(entry.name)) skipped++;
      else files.push(path);
    }
  }
  return { files, skipped };
}

function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Opens a file as a stream of UTF-8 text, decompressing it on the fly
 * when it starts with the gzip magic bytes (whatever its name). Memory
 * stays at the stream buffers, whatever the file size.
 */
export async function openLogText(path: string): Promise<Readable> {
  const compressed = await isGzip(path);
  const file = createReadStream(path);
  const text = compressed
    ? pipeline(file, createGunzip(), () => {
        // Errors reach the reader through the returned stream.
      })
    : file;
  text.setEncoding("utf8");
  return text;
}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/**
 * Wraps a failure to read a file (a file-system or gzip error) as an input
 * error with `subject`, which should name the file. Rolemine's own errors
 * pass through unchanged.
 */
export function fileReadError(error: unknown, subject: string): Error {
  if (error instanceof RolemineError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new InputError(
    subject,
    [
      {
        path: "file",
        received: describeValue(message),
        expected: "a readable file, gzip-compressed or plain",
      },
    ],
    { cause: error },
  );
}

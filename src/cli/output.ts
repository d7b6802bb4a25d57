import {
  closeSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { dirname, resolve } from "node:path";
import { InvalidArgumentError } from "commander";

/**
 * Writes text to `file` through a temporary file and a rename, so a
 * reader never sees a half-written report. Writes to stdout without a
 * file.
 */
export function writeOutput(text: string, file: string | undefined): void {
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, target);
}

/**
 * Writes output produced in chunks, to `file` through a temporary file
 * and a rename, or to stdout. For outputs too large for one string.
 */
export function writeChunks(
  file: string | undefined,
  produce: (write: (chunk: string) => void) => void,
): void {
  if (file === undefined) {
    produceBuffered(produce, (text) => process.stdout.write(text));
    return;
  }
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w");
  try {
    produceBuffered(produce, (text) => writeSync(fd, text));
  } catch (error) {
    closeSync(fd);
    rmSync(temporary, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temporary, target);
}

const FLUSH_CHARS = 1 << 20;

// Joins small chunks into writes of about a mebibyte: one system call
// per element of a million-element report would dominate the time.
function produceBuffered(
  produce: (write: (chunk: string) => void) => void,
  flush: (text: string) => void,
): void {
  let pending: string[] = [];
  let size = 0;
  produce((chunk) => {
    pending.push(chunk);
    size += chunk.length;
    if (size >= FLUSH_CHARS) {
      flush(pending.join(""));
      pending = [];
      size = 0;
    }
  });
  if (size > 0) flush(pending.join(""));
}

/** Parses a whole-number option, naming the option in the error. */
export function parseWholeNumber(name: string, min: number) {
  return (text: string): number => {
    const value = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
      throw new InvalidArgumentError(
        `${name}: received ${JSON.stringify(text)}, expected a whole number, ${min} or more.`,
      );
    }
    return value;
  };
}

/** Parses a positive number option. */
export function parsePositive(name: string) {
  return (text: string): number => {
    const value = Number(text);
    if (text.trim() === "" || !Number.isFinite(value) || value <= 0) {
      throw new InvalidArgumentError(
        `${name}: received ${JSON.stringify(text)}, expected a number greater than 0.`,
      );
    }
    return value;
  };
}

/** A command-line mistake that commander cannot see; exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

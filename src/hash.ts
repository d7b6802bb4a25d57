import { createHash } from "node:crypto";

/**
 * Serialises a JSON value with object keys in ascending order, so equal
 * content always gives equal text whatever order its keys were set in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) sorted[key] = sortKeys(item);
  }
  return sorted;
}

/** First `length` hex digits of the SHA-256 of the canonical JSON of `value`. */
export function contentHash(value: unknown, length = 12): string {
  return createHash("sha256")
    .update(canonicalJson(value))
    .digest("hex")
    .slice(0, length);
}

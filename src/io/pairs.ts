import { InputError, type InputIssue, describeValue } from "../errors.js";
import type { UsageRecordInput } from "../estate/schema.js";

/**
 * Parses the two-column `user permission` format of the HP Labs role
 * mining sets: one grant per line, two whitespace-separated ids, no
 * header. Blank lines and lines starting with `#` are skipped. The ids are
 * kept as the strings they are in the file. The format has no usage, so
 * every record is a grant whose use was not observed.
 *
 * @throws {InputError} naming each line that does not have exactly two
 *   fields.
 * @example
 * parsePairs("1 7\n2 7\n"); // [{ identity: "1", entitlement: "7" }, ...]
 */
export function parsePairs(text: string): UsageRecordInput[] {
  const records: UsageRecordInput[] = [];
  const issues: InputIssue[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(/\s+/);
    if (fields.length !== 2) {
      issues.push({
        path: `line ${i + 1}`,
        received: describeValue(line),
        expected: "two whitespace-separated ids: `user permission`",
      });
      continue;
    }
    records.push({ identity: fields[0]!, entitlement: fields[1]! });
  }
  if (issues.length > 0) throw new InputError("pairs file", issues);
  return records;
}

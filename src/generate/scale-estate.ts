import { DAY_MS, formatDay, parseIsoDate } from "../dates.js";
import { OptionError } from "../errors.js";
import { createRandom, randomInt } from "../random.js";

/** Options of `generateUsageCsv`. */
export interface ScaleEstateOptions {
  /** Number of identities, 1 or more. */
  identities: number;
  /** Number of entitlements, 1 or more. */
  entitlements: number;
  /** Number of grants, from `identities` to `identities × entitlements`. */
  grants: number;
  /** Seed of every random choice. Default 1. */
  seed?: number;
  /** Date the usage is observed up to. Default `2026-11-30`. */
  asOf?: string;
  /** Share of grants with a use in the last 60 days. Default 0.85. */
  usedShare?: number;
  /**
   * Share of each identity's grants drawn at random outside its role:
   * exceptions, leftovers of moves. Default 0.1.
   */
  scatterShare?: number;
}

const HEADER = "identity,entitlement,uses,last_used,granted\n";

/**
 * Writes a usage CSV of a large estate in chunks through `write`:
 * identities hold one planted role each (role popularity falls off as
 * 1/rank), drawn from role entitlement sets of about 1.5 times the
 * grants per identity, plus a `scatterShare` of random extra grants. Exactly `grants` rows
 * follow the header. A share `1 - usedShare` of grants is dormant: never
 * used or last used 100 to 400 days before `asOf`. Memory stays
 * O(entitlements + chunk), whatever the number of grants.
 *
 * @throws {OptionError} when a size is not a whole number in its range.
 */
export function generateUsageCsv(
  options: ScaleEstateOptions,
  write: (chunk: string) => void,
): void {
  const { identities, entitlements, grants } = checkSizes(options);
  const random = createRandom(options.seed ?? 1);
  const asOf = parseIsoDate(options.asOf ?? "2026-11-30")!;
  const usedShare = options.usedShare ?? 0.85;
  const scatter = options.scatterShare ?? 0.1;

  const perIdentity = grants / identities;
  const roleSize = Math.min(entitlements, Math.max(1, Math.round(perIdentity * 1.5)));
  const roleCount = Math.max(1, Math.floor(entitlements / roleSize));
  const harmonic = Array.from({ length: roleCount }, (_, r) => 1 / (r + 1));
  const total = harmonic.reduce((sum, weight) => sum + weight, 0);
  const cumulative: number[] = [];
  harmonic.reduce((sum, weight, r) => (cumulative[r] = sum + weight / total), 0);

  const width = String(identities).length;
  const chunk: string[] = [HEADER];
  const flush = () => {
    write(chunk.join(""));
    chunk.length = 0;
  };
  const held = new Set<number>();
  for (let i = 0; i < identities; i++) {
    const count = Math.floor(grants / identities) + (i < grants % identities ? 1 : 0);
    const pick = random();
    let role = cumulative.findIndex((edge) => pick < edge);
    if (role < 0) role = roleCount - 1;
    held.clear();

    // Most grants come from the role, the rest are scattered at random.
    const fromRole = Math.min(roleSize, Math.round(count * (1 - scatter)));
    while (held.size < fromRole) held.add(role * roleSize + randomInt(random, roleSize));
    while (held.size < count) held.add(randomInt(random, entitlements));

    const identity = `id-${String(i + 1).padStart(width, "0")}`;
    for (const column of held) {
      chunk.push(`${identity},ent-${column + 1},${usage(random, asOf, usedShare)},true\n`);
    }
    if (chunk.length >= 10_000) flush();
  }
  flush();
}

function usage(random: () => number, asOf: number, usedShare: number): string {
  if (random() < usedShare) {
    const uses = 1 + Math.floor(-Math.log(1 - random()) * 20);
    return `${uses},${formatDay(asOf - Math.floor(random() * 60) * DAY_MS)}`;
  }
  if (random() < 0.6) return "0,";
  return `0,${formatDay(asOf - (100 + Math.floor(random() * 300)) * DAY_MS)}`;
}

function checkSizes(options: ScaleEstateOptions) {
  const { identities, entitlements, grants } = options;
  const issues = [];
  const whole = (value: number, min: number) =>
    Number.isSafeInteger(value) && value >= min;
  if (!whole(identities, 1)) {
    issues.push({ path: "identities", received: String(identities), expected: "a whole number, 1 or more" });
  }
  if (!whole(entitlements, 1)) {
    issues.push({ path: "entitlements", received: String(entitlements), expected: "a whole number, 1 or more" });
  }
  if (issues.length === 0 && (!whole(grants, identities) || grants > identities * entitlements)) {
    issues.push({
      path: "grants",
      received: String(grants),
      expected: `a whole number from ${identities} (one per identity) to ${identities * entitlements} (identities × entitlements)`,
    });
  }
  if (issues.length > 0) throw new OptionError(issues);
  return { identities, entitlements, grants };
}

import { DAY_MS, formatDate, parseIsoDate } from "../dates.js";
import type {
  EntitlementInput,
  EstateInput,
  IdentityInput,
  UsageRecordInput,
} from "../estate/schema.js";
import { type RandomSource, createRandom, randomInt } from "../random.js";
import { CATALOG, DEPARTMENTS, type Department, GROUPS } from "./catalog.js";
import { type GeneratorContext, usage } from "./context.js";
import { nonHumanIdentities } from "./non-human.js";

/** Options of `generateDemoEstate`. */
export interface DemoEstateOptions {
  /** Seed of every random choice. Default 7. */
  seed?: number;
  /** The estate's `asOf`. Default `2026-11-30T00:00:00Z`. */
  asOf?: string;
  /** Multiplies every department's headcount. Default 1 (208 people). */
  scale?: number;
}

/**
 * Generates a realistic estate: 208 people in seven departments with
 * planted department roles (one through a group), plus service accounts,
 * API keys, tokens, workloads, devices, AI agents, a platform-managed
 * role and a break-glass account. Planted drift: dormant and over-broad
 * grants, idle group memberships, denied attempts on dormant privileged
 * grants, new joiners, expired contractors, stale credentials, ownerless
 * identities, quarterly jobs, use without a grant, an alias, and a system
 * the telemetry does not cover. The same options give the same estate.
 */
export function generateDemoEstate(options: DemoEstateOptions = {}): EstateInput {
  const random = createRandom(options.seed ?? 7);
  const asOfText = options.asOf ?? "2026-11-30T00:00:00Z";
  const asOf = parseIsoDate(asOfText)!;
  const context: GeneratorContext = {
    random,
    asOf,
    daysAgo: (days) => formatDate(asOf - Math.round(days) * DAY_MS),
    chance: (probability) => random() < probability,
    between: (low, high) => low + randomInt(random, high - low + 1),
  };

  const identities: IdentityInput[] = [];
  const records: UsageRecordInput[] = [];
  for (const department of DEPARTMENTS) {
    const headcount = Math.max(1, Math.round(department.headcount * (options.scale ?? 1)));
    for (let n = 1; n <= headcount; n++) {
      addPerson(context, department, n, identities, records);
    }
  }
  const nonHuman = nonHumanIdentities(context, options.scale ?? 1);
  identities.push(...nonHuman.identities);
  records.push(...nonHuman.records);

  const entitlements: EntitlementInput[] = CATALOG.map((entry) => ({
    id: entry.id,
    privilege: entry.privilege,
    system: entry.system,
    environment: entry.environment,
    ...(entry.id === "pagerduty:respond" ? { observable: false } : {}),
  }));
  const systems = [...new Set(CATALOG.map((entry) => entry.system))];
  return {
    asOf: asOfText,
    telemetry: {
      collectedAt: context.daysAgo(1),
      from: context.daysAgo(400),
      // Workday's audit log is not collected: its grants stay unknown.
      systems: systems.filter((system) => system !== "workday"),
    },
    identities,
    entitlements,
    records,
  };
}

function addPerson(
  context: GeneratorContext,
  department: Department,
  n: number,
  identities: IdentityInput[],
  records: UsageRecordInput[],
): void {
  const { chance, between, daysAgo } = context;
  const id = `${department.name}-${String(n).padStart(3, "0")}`;
  const newJoiner = chance(0.04);
  const contractor = !newJoiner && chance(0.03);
  const createdDaysAgo = newJoiner ? between(5, 40) : between(200, 2000);
  const identity: IdentityInput = {
    id,
    kind: "human",
    department: department.name,
    createdAt: daysAgo(createdDaysAgo),
    ...(contractor ? { expiresAt: daysAgo(between(10, 60)), tags: ["contractor"] } : {}),
    ...(department.name === "sales" && n === 1 ? { aliases: [`${id}@legacy-crm`] } : {}),
  };
  identities.push(identity);

  const grantedDaysAgo = newJoiner
    ? createdDaysAgo
    : Math.min(createdDaysAgo, between(120, 900));
  const grant = (entitlement: string, unused: boolean, extra: Partial<UsageRecordInput> = {}) =>
    records.push({
      identity: id,
      entitlement,
      grantedAt: daysAgo(grantedDaysAgo),
      channel: "interactive",
      granularity: "action",
      ...usage(context, unused, entitlement, grantedDaysAgo),
      ...extra,
    });

  const role = [...department.role];
  if (department.specialist && chance(department.specialist.share)) {
    role.push(...department.specialist.role);
  }
  for (const entitlement of role) grant(entitlement, newJoiner || chance(0.08));

  if (department.group !== undefined) {
    const idle = chance(0.08);
    grant(department.group, false, { uses: undefined, lastUsedAt: undefined });
    for (const entitlement of GROUPS[department.group] ?? []) {
      grant(entitlement, idle || chance(0.05), { via: department.group });
    }
  }

  // Over-broad: access copied from another department and never used.
  if (chance(0.12)) {
    const other = DEPARTMENTS[(DEPARTMENTS.indexOf(department) + between(1, 6)) % DEPARTMENTS.length]!;
    const entitlement = other.role[between(0, other.role.length - 1)]!;
    if (!role.includes(entitlement)) grant(entitlement, true);
  }
  // The alias carries part of the person's use.
  if (identity.aliases !== undefined) {
    records.push({
      identity: identity.aliases[0]!,
      entitlement: department.role[0]!,
      uses: 4,
      lastUsedAt: daysAgo(3),
      channel: "api",
    });
  }
}

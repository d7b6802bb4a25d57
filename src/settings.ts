import { z } from "zod";
import { formatDate, parseIsoDate } from "./dates.js";
import { OptionError, issuesFromZod } from "./errors.js";
import {
  IdSchema,
  IdentityKindSchema,
  IsoDateSchema,
} from "./estate/schema.js";
import type { Exclusion } from "./drift/exclusions.js";

const K_EXPECTED = 'a whole number of clusters, 1 or more, or "auto"';

/** One accepted exception; at least one scope field is required. */
export const ExclusionSchema = z
  .strictObject({
    identity: IdSchema.optional(),
    entitlement: IdSchema.optional(),
    kind: IdentityKindSchema.optional(),
    reason: z
      .string({ error: "a non-empty reason" })
      .min(1, { error: "a non-empty reason" }),
  })
  .refine(
    (exclusion) =>
      exclusion.identity !== undefined ||
      exclusion.entitlement !== undefined ||
      exclusion.kind !== undefined,
    { error: "at least one of identity, entitlement and kind" },
  );

/**
 * Options of `analyze`. Every field is optional; `resolveSettings` fills
 * the documented defaults and echoes the result in the report.
 */
export const AnalyzeOptionsSchema = z.strictObject({
  /** Seed of every random choice (k-means++ seeding, k selection). Default 1. */
  seed: z
    .number({ error: "a whole number" })
    .int({ error: "a whole number" })
    .optional(),
  /**
   * Number of clusters, or `"auto"` (the default) for the rule of
   * `chooseClusterCount`.
   */
  k: z
    .union([z.literal("auto"), z.number().int().min(1)], {
      error: K_EXPECTED,
    })
    .refine((k) => k === "auto" || (Number.isInteger(k) && k >= 1), {
      error: K_EXPECTED,
    })
    .optional(),
  /** Cap on k-means iterations. Default 100. */
  maxIterations: z
    .number({ error: "a whole number, 1 or more" })
    .int({ error: "a whole number, 1 or more" })
    .min(1, { error: "a whole number, 1 or more" })
    .optional(),
  /**
   * Distance k-means minimises: `euclidean` (on 0/1 vectors, the number
   * of entitlements two identities do not share) or `cosine` (spherical
   * k-means; discounts identities that simply hold more). Default
   * "euclidean".
   */
  metric: z
    .enum(["euclidean", "cosine"], { error: '"euclidean" or "cosine"' })
    .optional(),
  /** Content of the clustered vectors; see `FeatureMode`. Default "auto". */
  features: z
    .enum(["auto", "grants", "usage"], {
      error: '"auto", "grants" or "usage"',
    })
    .optional(),
  /**
   * The instant the analysis is made for (ISO-8601). Default: the
   * estate's `asOf`, else the latest date in the input.
   */
  asOf: IsoDateSchema.optional(),
  /** Length of the observation window in days, ending at `asOf`. Default 90. */
  windowDays: z
    .number({ error: "a number of days greater than 0" })
    .positive({ error: "a number of days greater than 0" })
    .optional(),
  /**
   * A grant whose last use is older than this many days is dormant.
   * Default: `windowDays`.
   */
  dormantDays: z
    .number({ error: "a number of days greater than 0" })
    .positive({ error: "a number of days greater than 0" })
    .optional(),
  /**
   * Share of a cluster's members that must hold an entitlement for it to
   * join the cluster's candidate role, in (0, 1]. Default 0.8.
   */
  support: z
    .number({ error: "a share greater than 0 and at most 1" })
    .gt(0, { error: "a share greater than 0 and at most 1" })
    .max(1, { error: "a share greater than 0 and at most 1" })
    .optional(),
  /** Minimum members of a cluster that yields a candidate role. Default 2. */
  minRoleMembers: z
    .number({ error: "a whole number, 1 or more" })
    .int({ error: "a whole number, 1 or more" })
    .min(1, { error: "a whole number, 1 or more" })
    .optional(),
  /** Minimum entitlements of a candidate role. Default 2. */
  minRoleEntitlements: z
    .number({ error: "a whole number, 1 or more" })
    .int({ error: "a whole number, 1 or more" })
    .min(1, { error: "a whole number, 1 or more" })
    .optional(),
  /** Telemetry collected longer ago than this before `asOf` is stale. Default 7. */
  telemetryMaxAgeDays: z
    .number({ error: "a number of days, 0 or more" })
    .min(0, { error: "a number of days, 0 or more" })
    .optional(),
  /**
   * A grant held by fewer than this share of its identity's cluster is a
   * peer outlier, in [0, 1]. Default 0.1.
   */
  peerOutlierShare: z
    .number({ error: "a share from 0 to 1" })
    .min(0, { error: "a share from 0 to 1" })
    .max(1, { error: "a share from 0 to 1" })
    .optional(),
  /** Clusters with fewer members are not used for peer comparison. Default 5. */
  minPeers: z
    .number({ error: "a whole number, 1 or more" })
    .int({ error: "a whole number, 1 or more" })
    .min(1, { error: "a whole number, 1 or more" })
    .optional(),
  /** Credential rotation policy in days. Default 90. */
  rotationDays: z
    .number({ error: "a number of days greater than 0" })
    .positive({ error: "a number of days greater than 0" })
    .optional(),
  /** Accepted exceptions; see `Exclusion`. Default none. */
  exclusions: z.array(ExclusionSchema).optional(),
  /** Whether the report records `timings`. Default true. */
  timings: z.boolean({ error: "true or false" }).optional(),
});

export type AnalyzeSettingsInput = z.infer<typeof AnalyzeOptionsSchema>;

/** Effective settings of one analysis, echoed in the report. */
export interface Settings {
  seed: number;
  k: number | "auto";
  maxIterations: number;
  metric: "euclidean" | "cosine";
  features: "auto" | "grants" | "usage";
  /** ISO-8601 instant, or null when the input has no dates at all. */
  asOf: string | null;
  windowDays: number;
  dormantDays: number;
  support: number;
  minRoleMembers: number;
  minRoleEntitlements: number;
  telemetryMaxAgeDays: number;
  peerOutlierShare: number;
  minPeers: number;
  rotationDays: number;
  exclusions: Exclusion[];
}

/** Defaults of every setting but `asOf`, which depends on the input. */
export const DEFAULT_SETTINGS = {
  seed: 1,
  k: "auto",
  maxIterations: 100,
  metric: "euclidean",
  features: "auto",
  windowDays: 90,
  support: 0.8,
  minRoleMembers: 2,
  minRoleEntitlements: 2,
  telemetryMaxAgeDays: 7,
  peerOutlierShare: 0.1,
  minPeers: 5,
  rotationDays: 90,
} as const satisfies Omit<Settings, "asOf" | "dormantDays" | "exclusions">;

/**
 * Validates options and fills defaults.
 *
 * @throws {OptionError} naming each bad option, its value and the
 *   accepted range.
 */
export function resolveSettings(
  options: unknown,
  inputAsOf: string | null,
): Settings & { timings: boolean } {
  const parsed = AnalyzeOptionsSchema.safeParse(options ?? {}, {
    reportInput: true,
  });
  if (!parsed.success) {
    throw new OptionError(issuesFromZod(parsed.error, options));
  }
  const given = parsed.data;
  const windowDays = given.windowDays ?? DEFAULT_SETTINGS.windowDays;
  return {
    seed: given.seed ?? DEFAULT_SETTINGS.seed,
    k: given.k ?? DEFAULT_SETTINGS.k,
    maxIterations: given.maxIterations ?? DEFAULT_SETTINGS.maxIterations,
    metric: given.metric ?? DEFAULT_SETTINGS.metric,
    features: given.features ?? DEFAULT_SETTINGS.features,
    // Echo one form whatever the input wrote: the ISO-8601 UTC instant.
    asOf: given.asOf === undefined ? inputAsOf : formatDate(parseIsoDate(given.asOf)!),
    windowDays,
    dormantDays: given.dormantDays ?? windowDays,
    support: given.support ?? DEFAULT_SETTINGS.support,
    minRoleMembers: given.minRoleMembers ?? DEFAULT_SETTINGS.minRoleMembers,
    minRoleEntitlements:
      given.minRoleEntitlements ?? DEFAULT_SETTINGS.minRoleEntitlements,
    telemetryMaxAgeDays:
      given.telemetryMaxAgeDays ?? DEFAULT_SETTINGS.telemetryMaxAgeDays,
    peerOutlierShare:
      given.peerOutlierShare ?? DEFAULT_SETTINGS.peerOutlierShare,
    minPeers: given.minPeers ?? DEFAULT_SETTINGS.minPeers,
    rotationDays: given.rotationDays ?? DEFAULT_SETTINGS.rotationDays,
    exclusions: (given.exclusions ?? []).map((exclusion) => ({ ...exclusion })),
    timings: given.timings ?? true,
  };
}

import { z } from "zod";
import { parseIsoDate } from "../dates.js";

/** A non-empty identifier as it appears in the source system. */
export const IdSchema = z
  .string({ error: "a non-empty string id" })
  .min(1, { error: "a non-empty string id" });

/** An ISO-8601 date or date-time; values without an offset are UTC. */
export const IsoDateSchema = z
  .string({ error: "an ISO-8601 date such as 2026-03-01" })
  .refine((text) => parseIsoDate(text) !== undefined, {
    error:
      "an ISO-8601 date such as 2026-03-01 or 2026-03-01T12:00:00Z",
  });

const count = (what: string) =>
  z
    .number({ error: `a whole number of ${what}, 0 or more` })
    .int({ error: `a whole number of ${what}, 0 or more` })
    .min(0, { error: `a whole number of ${what}, 0 or more` });

/** Kinds of identity; everything but `human` is a non-human identity. */
export const IDENTITY_KINDS = [
  "human",
  "service-account",
  "api-key",
  "token",
  "workload",
  "device",
  "ai-agent",
  "platform-managed",
] as const;

export const IdentityKindSchema = z.enum(IDENTITY_KINDS, {
  error: `one of ${IDENTITY_KINDS.join(", ")}`,
});

/** Metadata of one identity. Every field but `id` is optional. */
export const IdentitySchema = z.strictObject({
  id: IdSchema,
  kind: IdentityKindSchema.optional(),
  /** Accountable person or team; `null` records that none is known. */
  owner: IdSchema.nullable().optional(),
  department: IdSchema.optional(),
  createdAt: IsoDateSchema.optional(),
  expiresAt: IsoDateSchema.optional(),
  /** When the identity's credential (key, token, password) last changed. */
  credentialRotatedAt: IsoDateSchema.optional(),
  /** Whether the identity can still authenticate; default true. */
  active: z.boolean({ error: "true or false" }).optional(),
  /** Emergency access kept on purpose: attested, never revoked. */
  breakGlass: z.boolean({ error: "true or false" }).optional(),
  /** Other ids under which the same identity appears in usage data. */
  aliases: z.array(IdSchema).optional(),
  tags: z.array(IdSchema).optional(),
});

/** Channel through which an identity used an entitlement. */
export const CHANNELS = [
  "interactive",
  "non-interactive",
  "api",
  "service",
] as const;

/** Resolution of a usage source. */
export const GRANULARITIES = ["action", "service"] as const;

export const PRIVILEGE_LEVELS = ["low", "medium", "high", "critical"] as const;

/** Metadata of one entitlement. Every field but `id` is optional. */
export const EntitlementSchema = z.strictObject({
  id: IdSchema,
  /** Privilege level; `high` and `critical` count as privileged. */
  privilege: z
    .enum(PRIVILEGE_LEVELS, { error: `one of ${PRIVILEGE_LEVELS.join(", ")}` })
    .optional(),
  system: IdSchema.optional(),
  environment: IdSchema.optional(),
  /** Whether the telemetry can see use of it at all; default true. */
  observable: z.boolean({ error: "true or false" }).optional(),
});

/**
 * One cell of the entitlement-usage matrix: a grant of `entitlement` to
 * `identity` and its use within the observation window.
 */
export const UsageRecordSchema = z.strictObject({
  identity: IdSchema,
  entitlement: IdSchema,
  /** Whether the entitlement is granted; default true. */
  granted: z.boolean({ error: "true or false" }).optional(),
  /** Successful uses within the observation window. */
  uses: count("uses").optional(),
  /** Last successful use; `null` records that it was never used. */
  lastUsedAt: IsoDateSchema.nullable().optional(),
  /** When the grant was made. */
  grantedAt: IsoDateSchema.optional(),
  /** Group entitlement through which the grant comes; absent for direct. */
  via: IdSchema.optional(),
  /** Failed (denied) attempts within the window: risk, never use. */
  failures: count("failed attempts").optional(),
  /** Last failed attempt. */
  lastFailureAt: IsoDateSchema.optional(),
  /** Channel of the uses. */
  channel: z
    .enum(CHANNELS, { error: `one of ${CHANNELS.join(", ")}` })
    .optional(),
  /**
   * Resolution of the usage source: each `action`, or only that some
   * action of the entitlement's `service` was used.
   */
  granularity: z
    .enum(GRANULARITIES, { error: `one of ${GRANULARITIES.join(", ")}` })
    .optional(),
  /** Dates of successful use, any order, for periodic-use detection. */
  history: z.array(IsoDateSchema).optional(),
});

/** Identity-by-entitlement 0/1 rows with their id lists. */
export const DenseMatrixSchema = z
  .strictObject({
    identities: z.array(IdSchema),
    entitlements: z.array(IdSchema),
    /** `granted[i][j]` is 1 when identity i is granted entitlement j. */
    granted: z.array(
      z.array(
        z.union([z.literal(0), z.literal(1), z.boolean()], {
          error: "0, 1, true or false",
        }),
      ),
    ),
    /** Optional use counts of the same shape. */
    uses: z.array(z.array(count("uses"))).optional(),
  })
  .superRefine((dense, context) => {
    const width = dense.entitlements.length;
    const check = (name: "granted" | "uses") => {
      const rows = dense[name];
      if (rows === undefined) return;
      if (rows.length !== dense.identities.length) {
        context.addIssue({
          code: "custom",
          path: [name],
          input: rows.length,
          message: `${dense.identities.length} rows, one per identity`,
        });
      }
      rows.forEach((row, i) => {
        if (row.length !== width) {
          context.addIssue({
            code: "custom",
            path: [name, i],
            input: row,
            message: `${width} columns, one per entitlement`,
          });
        }
      });
    };
    check("granted");
    check("uses");
  });

/** A whole estate: usage records plus optional identity and entitlement metadata. */
/**
 * Coverage of the usage telemetry. Without it, every identity and system
 * in the records is taken as observed for the whole window.
 */
export const TelemetrySchema = z.strictObject({
  /** When the usage data was collected; stale data gives unknown verdicts. */
  collectedAt: IsoDateSchema.optional(),
  /** First instant the telemetry covers. */
  from: IsoDateSchema.optional(),
  /** Identities the telemetry covers; default all. */
  identities: z.array(IdSchema).optional(),
  /** Systems the telemetry covers; default all. */
  systems: z.array(IdSchema).optional(),
});

export const EstateSchema = z.strictObject({
  /** The instant the analysis is made for; default: the latest date in the input. */
  asOf: IsoDateSchema.optional(),
  telemetry: TelemetrySchema.optional(),
  identities: z.array(IdentitySchema).optional(),
  entitlements: z.array(EntitlementSchema).optional(),
  records: z.array(UsageRecordSchema),
});

export type IdentityKind = z.infer<typeof IdentityKindSchema>;
export type PrivilegeLevel = (typeof PRIVILEGE_LEVELS)[number];
export type IdentityInput = z.infer<typeof IdentitySchema>;
export type EntitlementInput = z.infer<typeof EntitlementSchema>;
export type UsageRecordInput = z.infer<typeof UsageRecordSchema>;
export type DenseMatrixInput = z.infer<typeof DenseMatrixSchema>;
export type Channel = (typeof CHANNELS)[number];
export type Granularity = (typeof GRANULARITIES)[number];
export type TelemetryInput = z.infer<typeof TelemetrySchema>;
export type EstateInput = z.infer<typeof EstateSchema>;

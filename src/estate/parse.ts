import type { z } from "zod";
import { InputError, RolemineError, issuesFromZod } from "../errors.js";
import { type Estate, buildEstate } from "./estate.js";
import {
  DenseMatrixSchema,
  EstateSchema,
  UsageRecordSchema,
} from "./schema.js";

/**
 * Input accepted by `createEstate` and `analyze`: an estate document
 * (`{ records, identities?, entitlements?, asOf? }`), a bare array of usage
 * records, or dense 0/1 rows with their id lists.
 */
export type EstateSource = unknown;

/** Result of the non-throwing entry point. */
export type SafeEstateResult =
  | { success: true; estate: Estate }
  | { success: false; error: RolemineError };

const RecordsSchema = UsageRecordSchema.array();

/**
 * Validates any accepted input form and builds the estate.
 *
 * @throws {InputError} listing each bad field with its path, the value
 *   received and what was expected.
 * @example
 * createEstate([{ identity: "alice", entitlement: "crm:read", uses: 3 }])
 *   .matrix.grantCount; // 1
 */
export function createEstate(source: EstateSource): Estate {
  if (source instanceof Map || source === null || typeof source !== "object") {
    throw new InputError("estate", [
      {
        path: "",
        received: source === null ? "null" : typeof source,
        expected:
          "an estate object with `records`, an array of usage records, " +
          "or dense rows with `identities`, `entitlements` and `granted`",
      },
    ]);
  }
  if (Array.isArray(source)) {
    const records = validate(RecordsSchema, source, "usage records");
    return buildEstate({ records });
  }
  if ("granted" in source && !("records" in source)) {
    return estateFromDense(validate(DenseMatrixSchema, source, "dense matrix"));
  }
  return buildEstate(validate(EstateSchema, source, "estate"));
}

/** Same as `createEstate`, but returns the error instead of throwing it. */
export function safeCreateEstate(source: EstateSource): SafeEstateResult {
  try {
    return { success: true, estate: createEstate(source) };
  } catch (error) {
    if (error instanceof RolemineError) return { success: false, error };
    throw error;
  }
}

function validate<T extends z.ZodType>(
  schema: T,
  value: unknown,
  subject: string,
): z.infer<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) {
    throw new InputError(subject, issuesFromZod(result.error, value));
  }
  return result.data;
}

function estateFromDense(dense: z.infer<typeof DenseMatrixSchema>): Estate {
  const records = [];
  for (let i = 0; i < dense.identities.length; i++) {
    const grantedRow = dense.granted[i]!;
    const usesRow = dense.uses?.[i];
    for (let j = 0; j < dense.entitlements.length; j++) {
      const granted = grantedRow[j] === 1 || grantedRow[j] === true;
      const uses = usesRow?.[j];
      if (!granted && (uses === undefined || uses === 0)) continue;
      records.push({
        identity: dense.identities[i]!,
        entitlement: dense.entitlements[j]!,
        granted,
        ...(uses === undefined ? {} : { uses }),
      });
    }
  }
  return buildEstate({
    identities: dense.identities.map((id) => ({ id })),
    entitlements: dense.entitlements.map((id) => ({ id })),
    records,
  });
}

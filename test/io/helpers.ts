import { expect } from "vitest";
import { buildEstate, type EstateParts } from "../../src/estate/estate.js";
import { InputError } from "../../src/errors.js";

/** Runs `run` and returns the InputError it throws; fails otherwise. */
export function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

/** Awaits `run` and returns the InputError it rejects with. */
export async function inputErrorOf(
  run: () => Promise<unknown>,
): Promise<InputError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

/** Uses and failures of a pair, as stored in a matrix cell. */
export interface PairTotal {
  uses: number;
  failures: number;
}

/**
 * Builds the estate of `parts` and returns the uses and failures of each
 * cell, keyed `IDENTITY ENTITLEMENT`.
 */
export function cellTotals(parts: EstateParts): Map<string, PairTotal> {
  const { matrix } = buildEstate(parts);
  const totals = new Map<string, PairTotal>();
  for (let row = 0; row < matrix.identities.length; row++) {
    const end = matrix.rowOffsets[row + 1]!;
    for (let c = matrix.rowOffsets[row]!; c < end; c++) {
      const entitlement = matrix.entitlements[matrix.columns[c]!];
      totals.set(`${matrix.identities[row]} ${entitlement}`, {
        uses: matrix.uses[c]!,
        failures: matrix.failures[c]!,
      });
    }
  }
  return totals;
}

/** Adds one use, or one failure when `failed`, to the total of `key`. */
export function addAttempt(
  totals: Map<string, PairTotal>,
  key: string,
  failed: boolean,
): void {
  const total = totals.get(key) ?? { uses: 0, failures: 0 };
  if (failed) total.failures++;
  else total.uses++;
  totals.set(key, total);
}

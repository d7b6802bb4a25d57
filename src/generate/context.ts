import type { UsageRecordInput } from "../estate/schema.js";
import type { RandomSource } from "../random.js";
import { CATALOG } from "./catalog.js";

/** Helpers shared by the people and non-human generators. */
export interface GeneratorContext {
  readonly random: RandomSource;
  readonly asOf: number;
  daysAgo(days: number): string;
  chance(probability: number): boolean;
  between(low: number, high: number): number;
}

/** Usage of one grant: recent use, or none for a dormant grant. */
export function usage(
  context: GeneratorContext,
  unused: boolean,
  entitlement: string,
  grantedDaysAgo: number,
): Partial<UsageRecordInput> {
  const { chance, between, daysAgo } = context;
  // Every date falls between the grant and asOf.
  if (!unused) {
    return {
      uses: between(1, 240),
      lastUsedAt: daysAgo(between(0, Math.min(45, grantedDaysAgo))),
    };
  }
  const privileged = CATALOG.find((e) => e.id === entitlement)?.privilege;
  const denied =
    (privileged === "high" || privileged === "critical") && chance(0.3);
  return {
    uses: 0,
    lastUsedAt:
      grantedDaysAgo <= 100 || chance(0.4)
        ? null
        : daysAgo(between(100, Math.min(500, grantedDaysAgo))),
    ...(denied
      ? {
          failures: between(1, 6),
          lastFailureAt: daysAgo(between(1, Math.min(30, grantedDaysAgo))),
        }
      : {}),
  };
}

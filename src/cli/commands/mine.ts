import type { Command } from "commander";
import { mineRoles } from "../../mining/index.js";
import type { MineRolesOptions } from "../../mining/index.js";
import { loadInput, resolveFormat } from "../load.js";
import { parsePositive, writeOutput } from "../output.js";

interface MineFlags {
  format?: string;
  method?: string;
  objective?: string;
  coverage?: number;
  timeLimitMs?: number;
  json?: boolean;
  out?: string;
}

/**
 * Registers `rolemine mine`: a role cover of the grants, printed as
 * `{ "roles": [{ "id", "entitlements", "identities" }], "lowerBound",
 * "optimal", "metrics" }` with ids as they appear in the input.
 */
export function registerMine(program: Command): void {
  program
    .command("mine")
    .description("mine roles that cover the grants (basic role mining problem)")
    .argument("<file>", "input: pairs (.txt), usage CSV (.csv) or estate JSON (.json)")
    .option("--format <format>", "input format: pairs, csv or json (default: from the extension)")
    .option("--method <method>", "exact or greedy (default: exact)")
    .option("--objective <objective>", "roles or wsc: what to minimise (default: roles)")
    .option("--coverage <share>", "stop once this share of grants is covered, (0, 1] (default: 1)", parsePositive("--coverage"))
    .option("--time-limit-ms <ms>", "time budget of the exact search in milliseconds (default: none)", parsePositive("--time-limit-ms"))
    .option("--json", "print JSON (the default; kept for symmetry with analyze)")
    .option("--out <file>", "write the output to a file instead of stdout")
    .action((file: string, flags: MineFlags) => {
      const { estate } = loadInput(file, resolveFormat(file, flags.format));
      const options: Record<string, unknown> = {};
      if (flags.method !== undefined) options["method"] = flags.method;
      if (flags.objective !== undefined) options["objective"] = flags.objective;
      if (flags.coverage !== undefined) options["coverage"] = flags.coverage;
      if (flags.timeLimitMs !== undefined) options["timeLimitMs"] = flags.timeLimitMs;
      // mineRoles validates every option and names a bad one in its error.
      const result = mineRoles(estate.matrix, options as MineRolesOptions);
      const { identities, entitlements } = estate.matrix;
      const document = {
        method: result.method,
        objective: result.objective,
        roles: result.roles.map((role, index) => ({
          id: `role-${index + 1}`,
          entitlements: role.entitlements.map((j) => entitlements[j]!),
          identities: role.identities.map((i) => identities[i]!),
        })),
        lowerBound: result.lowerBound,
        optimal: result.optimal,
        metrics: result.metrics,
        ...(result.uncovered === undefined
          ? {}
          : {
              uncovered: result.uncovered.map((grant) => ({
                identity: identities[grant.identity]!,
                entitlement: entitlements[grant.entitlement]!,
              })),
            }),
        timings: result.timings,
      };
      writeOutput(`${JSON.stringify(document, null, 2)}\n`, flags.out);
    });
}

import { closeSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { generateDemoEstate } from "../../generate/demo-estate.js";
import { generateUsageCsv } from "../../generate/scale-estate.js";
import { UsageError, parseWholeNumber, writeOutput } from "../output.js";

interface GenerateFlags {
  identities?: number;
  entitlements?: number;
  grants?: number;
  seed?: number;
  asOf?: string;
  demo?: boolean;
  out?: string;
}

/**
 * Registers `rolemine generate`: a seeded synthetic estate, either the
 * demo estate as estate JSON (`--demo`) or a usage CSV of a given size.
 */
export function registerGenerate(program: Command): void {
  program
    .command("generate")
    .description("write a seeded synthetic estate: a usage CSV of a given size, or the demo estate as JSON")
    .option("--identities <n>", "number of identities", parseWholeNumber("--identities", 1))
    .option("--entitlements <n>", "number of entitlements", parseWholeNumber("--entitlements", 1))
    .option("--grants <n>", "number of grants", parseWholeNumber("--grants", 1))
    .option("--seed <n>", "seed (default: 1; 7 for --demo)", parseWholeNumber("--seed", 0))
    .option("--as-of <date>", "date the usage is observed up to (default: 2026-11-30)")
    .option("--demo", "write the demo estate (estate JSON) instead of a usage CSV")
    .option("--out <file>", "write to a file instead of stdout")
    .action((flags: GenerateFlags) => {
      if (flags.demo) {
        const sized = (["identities", "entitlements", "grants"] as const).filter(
          (name) => flags[name] !== undefined,
        );
        if (sized.length > 0) {
          throw new UsageError(
            `--demo writes the fixed demo estate; drop ${sized.map((n) => `--${n}`).join(", ")} or drop --demo.`,
          );
        }
        const estate = generateDemoEstate({
          ...(flags.seed === undefined ? {} : { seed: flags.seed }),
          ...(flags.asOf === undefined ? {} : { asOf: flags.asOf }),
        });
        writeOutput(`${JSON.stringify(estate, null, 2)}\n`, flags.out);
        return;
      }
      const missing = (["identities", "entitlements", "grants"] as const).filter(
        (name) => flags[name] === undefined,
      );
      if (missing.length > 0) {
        throw new UsageError(
          `generate needs ${missing.map((name) => `--${name}`).join(", ")} (or --demo).`,
        );
      }
      const options = {
        identities: flags.identities!,
        entitlements: flags.entitlements!,
        grants: flags.grants!,
        ...(flags.seed === undefined ? {} : { seed: flags.seed }),
        ...(flags.asOf === undefined ? {} : { asOf: flags.asOf }),
      };
      if (flags.out === undefined) {
        generateUsageCsv(options, (chunk) => process.stdout.write(chunk));
        return;
      }
      // Stream to a temporary file, then rename: no half-written output.
      const target = resolve(flags.out);
      mkdirSync(dirname(target), { recursive: true });
      const temporary = `${target}.${process.pid}.tmp`;
      const fd = openSync(temporary, "w");
      try {
        generateUsageCsv(options, (chunk) => writeSync(fd, chunk));
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, target);
    });
}

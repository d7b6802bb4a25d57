import type { Command } from "commander";
import { featureRows, resolveFeatureMode } from "../../clustering/features.js";
import { kMeans } from "../../clustering/kmeans.js";
import { isUsedInWindow, observationWindow } from "../../drift/observation.js";
import { loadInput, resolveFormat } from "../load.js";
import { parseWholeNumber, writeOutput } from "../output.js";

interface ClusterFlags {
  format?: string;
  k: number;
  seed?: number;
  maxIterations?: number;
  json?: boolean;
  out?: string;
  progress?: boolean;
}

/**
 * Registers `rolemine cluster`: k-means on the identities' grant vectors,
 * printing assignments (identity id to cluster number), sizes,
 * iterations, convergence and `timings.clusterMs`.
 */
export function registerCluster(program: Command): void {
  program
    .command("cluster")
    .description("cluster identities by their grants with sparse k-means")
    .argument("<file>", "input: pairs (.txt), usage CSV (.csv) or estate JSON (.json)")
    .option("--format <format>", "input format: pairs, csv or json (default: from the extension)")
    .requiredOption("--k <n>", "number of clusters", parseWholeNumber("--k", 1))
    .option("--seed <n>", "seed of the k-means++ seeding (default: 1)", parseWholeNumber("--seed", 0))
    .option("--max-iterations <n>", "cap on k-means iterations (default: 100)", parseWholeNumber("--max-iterations", 1))
    .option("--json", "print JSON (the default; kept for symmetry with analyze)")
    .option("--out <file>", "write the output to a file instead of stdout")
    .option("--progress", "show iterations on stderr (default: when stderr is a terminal)")
    .action((file: string, flags: ClusterFlags) => {
      const { estate } = loadInput(file, resolveFormat(file, flags.format));
      const { matrix } = estate;
      const mode = resolveFeatureMode(matrix, "grants");
      const window = observationWindow(estate.asOf ?? estate.latestDate, 90, 90);
      const rows = featureRows(matrix, mode, (c) => isUsedInWindow(matrix, window, c));
      const showProgress = flags.progress ?? process.stderr.isTTY === true;

      const started = performance.now();
      const result = kMeans(rows, {
        k: flags.k,
        seed: flags.seed ?? 1,
        maxIterations: flags.maxIterations ?? 100,
        ...(showProgress
          ? {
              onIteration: (progress) =>
                process.stderr.write(
                  `iteration ${progress.iteration}/${progress.maxIterations}: ${progress.changed} changed\n`,
                ),
            }
          : {}),
      });
      const clusterMs = performance.now() - started;

      const assignments: Record<string, number> = {};
      matrix.identities.forEach((id, row) => {
        assignments[id] = result.assignments[row]!;
      });
      const document = {
        k: result.k,
        seed: flags.seed ?? 1,
        features: mode,
        iterations: result.iterations,
        converged: result.converged,
        inertia: result.inertia,
        sizes: result.sizes,
        assignments,
        timings: { clusterMs: Math.round(clusterMs * 1000) / 1000 },
      };
      writeOutput(`${JSON.stringify(document, null, 2)}\n`, flags.out);
    });
}

import type { EstateParts } from "../estate/estate.js";
import { loadCloudTrail } from "../io/cloudtrail/index.js";
import { readGrantsFile } from "../io/grants.js";
import type { UsageSummary } from "../io/join.js";
import { loadK8sAudit } from "../io/k8s-audit/index.js";
import { UsageError } from "./output.js";

/** Log sources and the grants to join with them. */
export interface LogFlags {
  cloudtrail?: string[];
  k8sAudit?: string[];
  grants?: string;
  erroredCalls?: string;
  progress?: boolean;
}

/** Estate parts read from an activity log, with what was read. */
export interface LoadedLog {
  readonly parts: EstateParts;
  readonly summary: UsageSummary;
  readonly ignoredColumns: readonly string[];
}

/**
 * Reads CloudTrail or Kubernetes audit logs, joined with a grants file
 * when one is given, and reports progress on stderr when asked.
 */
export async function loadActivityLog(flags: LogFlags): Promise<LoadedLog> {
  const erroredCalls = flags.erroredCalls ?? "skip";
  if (erroredCalls !== "skip" && erroredCalls !== "use") {
    throw new UsageError(
      `--errored-calls: received ${JSON.stringify(erroredCalls)}, expected skip or use.`,
    );
  }
  const grantsFile =
    flags.grants === undefined ? undefined : await readGrantsFile(flags.grants);
  const showProgress = flags.progress ?? process.stderr.isTTY === true;
  const options = {
    erroredCalls: erroredCalls as "skip" | "use",
    ...(grantsFile === undefined ? {} : { grants: grantsFile.grants }),
    ...(showProgress
      ? {
          onProgress: (progress: { files: number; events: number }) =>
            process.stderr.write(
              `reading logs: ${progress.files} files, ${progress.events} events\n`,
            ),
        }
      : {}),
  };
  const loaded =
    flags.cloudtrail !== undefined
      ? await loadCloudTrail(flags.cloudtrail, options)
      : await loadK8sAudit(flags.k8sAudit ?? [], options);
  return {
    parts: loaded.parts,
    summary: loaded.summary,
    ignoredColumns: grantsFile?.ignoredColumns ?? [],
  };
}

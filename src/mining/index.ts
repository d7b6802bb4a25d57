export { mineRoles } from "./mine-roles.js";
export { roleMetrics, type RoleMetrics } from "./metrics.js";
export {
  DEFAULT_WSC_WEIGHTS,
  type MineRolesOptions,
  type MiningMethod,
  type MiningObjective,
  type WscWeights,
} from "./options.js";
export type {
  GrantRef,
  MinedRole,
  MiningResult,
  MiningTimings,
} from "./result.js";

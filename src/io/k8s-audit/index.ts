export {
  K8S_AUDIT_FILES,
  type K8sAuditOptions,
  loadK8sAudit,
  readK8sAudit,
} from "./load.js";
export {
  K8S_SYSTEM,
  type K8sAuditEventOptions,
  readK8sAuditEvent,
} from "./event.js";
export {
  type EntitlementNaming,
  type ObjectReference,
  k8sEntitlement,
} from "./entitlement.js";
export { k8sIdentityKind, serviceAccountOf } from "./identity.js";

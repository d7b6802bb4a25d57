/** The `objectRef` fields of an audit event that name an entitlement. */
export interface ObjectReference {
  resource?: unknown;
  subresource?: unknown;
  apiGroup?: unknown;
  namespace?: unknown;
}

/** Options of entitlement naming. */
export interface EntitlementNaming {
  /**
   * Append `@NAMESPACE` to entitlements of namespaced requests, so that
   * `list:core/pods@dev` and `list:core/pods@prod` are distinct, as a
   * RoleBinding in one namespace makes them. Default false: one
   * entitlement per verb and resource, whatever the namespace.
   */
  namespaceScope?: boolean | undefined;
}

const text = (value: unknown): string =>
  typeof value === "string" ? value : "";

/**
 * Names the entitlement a Kubernetes request exercises, in the terms of
 * RBAC rules:
 *
 * - a resource request is `VERB:GROUP/RESOURCE`, or
 *   `VERB:GROUP/RESOURCE/SUBRESOURCE`, with the core (legacy, empty) API
 *   group written `core`, so the first `/` always ends the group:
 *   `list:core/pods`, `get:apps/deployments`, `get:core/pods/log`;
 * - a non-resource request (no `objectRef.resource`, such as API
 *   discovery) is `VERB:PATH`, the request path without its query:
 *   `get:/apis/apps/v1`;
 * - with `namespaceScope`, a namespaced resource request ends in
 *   `@NAMESPACE`.
 *
 * @example
 * k8sEntitlement("list", { resource: "pods", namespace: "ns1" }, "");
 * // "list:core/pods"
 */
export function k8sEntitlement(
  verb: string,
  objectRef: ObjectReference | undefined,
  requestURI: string,
  naming: EntitlementNaming = {},
): string {
  const resource = text(objectRef?.resource);
  if (resource === "") {
    const query = requestURI.indexOf("?");
    return `${verb}:${query < 0 ? requestURI : requestURI.slice(0, query)}`;
  }
  const group = text(objectRef?.apiGroup) || "core";
  const subresource = text(objectRef?.subresource);
  const namespace = text(objectRef?.namespace);
  const path = subresource === "" ? resource : `${resource}/${subresource}`;
  const scope =
    naming.namespaceScope === true && namespace !== "" ? `@${namespace}` : "";
  return `${verb}:${group}/${path}${scope}`;
}

import type { IdentityKind } from "../../estate/schema.js";

const SERVICE_ACCOUNT = /^system:serviceaccount:([^:]+):([^:]+)$/;

/**
 * Parses the namespace and name of a service-account user name
 * (`system:serviceaccount:NAMESPACE:NAME`), or `undefined` for any other
 * user name.
 */
export function serviceAccountOf(
  username: string,
): { namespace: string; name: string } | undefined {
  const match = SERVICE_ACCOUNT.exec(username);
  return match === null
    ? undefined
    : { namespace: match[1]!, name: match[2]! };
}

/**
 * Infers the identity kind that a Kubernetes user name shows:
 *
 * - `system:serviceaccount:NS:NAME` is a `service-account`;
 * - `system:node:NAME`, the kubelet of a node, is a `device`: its
 *   credential belongs to one machine and lives as long as it does,
 *   whatever workloads run there;
 * - any other `system:` name is `platform-managed`, because Kubernetes
 *   reserves the prefix for its own components (`system:kube-scheduler`,
 *   `system:kube-controller-manager`, `system:apiserver`, ...);
 * - except that `system:admin` and `system:anonymous` get no kind.
 *   `system:admin` names an administrator credential, which a person or a
 *   program may use, and `system:anonymous` names unauthenticated
 *   requests;
 * - any other name gets no kind: it may be a person or a program.
 *
 * @example
 * k8sIdentityKind("system:serviceaccount:ns1:sa1"); // "service-account"
 */
export function k8sIdentityKind(username: string): IdentityKind | undefined {
  if (!username.startsWith("system:")) return undefined;
  if (serviceAccountOf(username) !== undefined) return "service-account";
  if (username.startsWith("system:node:")) return "device";
  if (username === "system:admin" || username === "system:anonymous") {
    return undefined;
  }
  return "platform-managed";
}

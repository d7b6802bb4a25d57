import type { ObservedIdentity } from "../activity-log/observed.js";

/** The `userIdentity` fields of a CloudTrail event that rolemine reads. */
export interface CloudTrailUserIdentity {
  type?: unknown;
  arn?: unknown;
  accountId?: unknown;
  userName?: unknown;
  principalId?: unknown;
  invokedBy?: unknown;
  sessionContext?: {
    sessionIssuer?: { type?: unknown; arn?: unknown };
  };
}

/** Options of identity resolution. */
export interface IdentityResolution {
  /**
   * Write the account of every ARN as `*`, so that a principal with the
   * same path and name in several accounts is one identity. Default false.
   */
  mergeAccounts?: boolean | undefined;
}

// CloudTrail writes this in place of a user name it will not reveal,
// such as the name typed in a failed console sign-in.
const HIDDEN = "HIDDEN_DUE_TO_SECURITY_REASONS";

const text = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;

/**
 * Resolves the identity whose permissions a CloudTrail event exercised.
 *
 * - `AssumedRole`: the role, not the session. Its ARN comes from
 *   `sessionContext.sessionIssuer.arn` (which keeps the role's path), else
 *   it is rebuilt from `arn:...:assumed-role/NAME/SESSION` as
 *   `arn:...:iam::ACCOUNT:role/NAME`, without the path, which that ARN
 *   does not contain. A service-linked role (path `/aws-service-role/`,
 *   or a name starting `AWSServiceRoleFor` when the path is unknown) is
 *   `platform-managed`. Other roles get no kind: a role may be assumed by
 *   people, workloads or services alike.
 * - `IAMUser`: its ARN, or `arn:aws:iam::ACCOUNT:user/NAME` when the event
 *   has none. No kind: a user with an access key may be a person or a
 *   program.
 * - `FederatedUser`: the federated user's ARN, kind `token`, because a
 *   federated user exists only as the temporary credentials that
 *   `GetFederationToken` issued.
 * - `AWSService`, or no type but an `invokedBy`: the service principal
 *   named in `invokedBy` (e.g. `rds.amazonaws.com`), `platform-managed`.
 * - Any other type (`Root`, `AWSAccount`, `IdentityCenterUser`, ...): its
 *   ARN, else `TYPE:PRINCIPAL_ID`; no kind.
 *
 * Returns `undefined` when the event names no identity or hides it.
 *
 * @example
 * resolveCloudTrailIdentity({
 *   type: "AssumedRole",
 *   arn: "arn:aws:sts::111111111111:assumed-role/deploy/session-1",
 * });
 * // { id: "arn:aws:iam::111111111111:role/deploy" }
 */
export function resolveCloudTrailIdentity(
  userIdentity: CloudTrailUserIdentity,
  options: IdentityResolution = {},
): ObservedIdentity | undefined {
  const resolved = resolveRaw(userIdentity);
  if (resolved === undefined || resolved.id.includes(HIDDEN)) return undefined;
  if (options.mergeAccounts !== true) return resolved;
  return { ...resolved, id: withoutAccount(resolved.id) };
}

function resolveRaw(
  userIdentity: CloudTrailUserIdentity,
): ObservedIdentity | undefined {
  const type = text(userIdentity.type);
  const arn = text(userIdentity.arn);
  const invokedBy = text(userIdentity.invokedBy);

  switch (type) {
    case "AssumedRole":
      return assumedRole(userIdentity, arn);
    case "IAMUser": {
      const account = text(userIdentity.accountId);
      const name = text(userIdentity.userName);
      // NOTE: the rebuilt ARN assumes the `aws` partition and no path.
      const id =
        arn ??
        (account && name ? `arn:aws:iam::${account}:user/${name}` : undefined);
      return id === undefined ? undefined : { id };
    }
    case "FederatedUser":
      return arn === undefined ? undefined : { id: arn, kind: "token" };
    case "AWSService":
      return invokedBy === undefined
        ? undefined
        : { id: invokedBy, kind: "platform-managed" };
    case undefined:
      if (invokedBy !== undefined) {
        return { id: invokedBy, kind: "platform-managed" };
      }
      return arn === undefined ? undefined : { id: arn };
    default: {
      const principal =
        text(userIdentity.principalId) ?? text(userIdentity.userName);
      const id = arn ?? (principal ? `${type}:${principal}` : undefined);
      return id === undefined ? undefined : { id };
    }
  }
}

const ASSUMED_ROLE_ARN = /^arn:([^:]+):sts::([^:]*):assumed-role\/([^/]+)/;

function assumedRole(
  userIdentity: CloudTrailUserIdentity,
  arn: string | undefined,
): ObservedIdentity | undefined {
  const issuer = userIdentity.sessionContext?.sessionIssuer;
  let roleArn = issuer?.type === "Role" ? text(issuer.arn) : undefined;
  if (roleArn === undefined && arn !== undefined) {
    const match = ASSUMED_ROLE_ARN.exec(arn);
    if (match !== null) {
      roleArn = `arn:${match[1]}:iam::${match[2]}:role/${match[3]}`;
    }
  }
  if (roleArn === undefined) return undefined;
  return isServiceLinkedRole(roleArn)
    ? { id: roleArn, kind: "platform-managed" }
    : { id: roleArn };
}

/**
 * Tests whether a role ARN names a service-linked role: one that an AWS
 * service creates and manages, under the path `/aws-service-role/`.
 */
export function isServiceLinkedRole(roleArn: string): boolean {
  if (roleArn.includes(":role/aws-service-role/")) return true;
  const name = roleArn.slice(roleArn.lastIndexOf("/") + 1);
  return name.startsWith("AWSServiceRoleFor");
}

const ARN_ACCOUNT = /^(arn:[^:]*:[^:]*:[^:]*:)[^:]*:/;

/** Replaces the account field of an ARN with `*`; other ids unchanged. */
function withoutAccount(id: string): string {
  return id.replace(ARN_ACCOUNT, "$1*:");
}

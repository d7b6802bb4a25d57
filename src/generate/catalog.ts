import type { PrivilegeLevel } from "../estate/schema.js";

/** One entitlement of the demo catalogue. */
export interface CatalogEntitlement {
  readonly id: string;
  readonly system: string;
  readonly environment: "prod" | "dev" | "corp";
  readonly privilege: PrivilegeLevel;
}

const entry = (
  id: string,
  environment: CatalogEntitlement["environment"],
  privilege: PrivilegeLevel,
): CatalogEntitlement => ({
  id,
  system: id.slice(0, id.indexOf(":")),
  environment,
  privilege,
});

/** Entitlements of the demo estate: permissions and groups of 12 systems. */
export const CATALOG: readonly CatalogEntitlement[] = [
  entry("github:read", "corp", "low"),
  entry("github:write", "corp", "medium"),
  entry("github:admin", "corp", "high"),
  entry("jira:read", "corp", "low"),
  entry("jira:edit", "corp", "low"),
  entry("aws-dev:read", "dev", "low"),
  entry("aws-dev:deploy", "dev", "medium"),
  entry("aws-prod:read", "prod", "medium"),
  entry("aws-prod:deploy", "prod", "high"),
  entry("aws-prod:admin", "prod", "critical"),
  entry("aws-prod:s3-read", "prod", "medium"),
  entry("aws-prod:s3-write", "prod", "high"),
  entry("aws-prod:audit-read", "prod", "medium"),
  entry("aws-prod:service-linked", "prod", "medium"),
  entry("k8s-prod:read", "prod", "medium"),
  entry("k8s-prod:exec", "prod", "high"),
  entry("vault:read-secrets", "prod", "high"),
  entry("vault:admin", "prod", "critical"),
  entry("okta:admin", "corp", "critical"),
  entry("okta:device-auth", "corp", "low"),
  entry("pagerduty:respond", "corp", "low"),
  entry("salesforce:read", "corp", "low"),
  entry("salesforce:edit-opportunity", "corp", "medium"),
  entry("salesforce:export", "corp", "high"),
  entry("zendesk:read", "corp", "low"),
  entry("zendesk:agent", "corp", "medium"),
  entry("netsuite:read", "corp", "medium"),
  entry("netsuite:post-journal", "corp", "high"),
  entry("workday:view-comp", "corp", "high"),
  entry("workday:edit-employee", "corp", "high"),
  entry("snowflake:query", "prod", "medium"),
  entry("snowflake:query-finance", "prod", "high"),
  entry("snowflake:load", "prod", "medium"),
  entry("snowflake:admin", "prod", "critical"),
  entry("grp:engineering", "corp", "medium"),
  entry("grp:sales", "corp", "low"),
];

/** A department of people and the entitlements its role implies. */
export interface Department {
  readonly name: string;
  readonly headcount: number;
  readonly role: readonly string[];
  /** A narrower role held by a share of the department. */
  readonly specialist?: {
    readonly name: string;
    readonly share: number;
    readonly role: readonly string[];
  };
  /** Group whose grants every member receives, if any. */
  readonly group?: string;
}

/** Groups and the entitlements membership gives. */
export const GROUPS: Readonly<Record<string, readonly string[]>> = {
  "grp:engineering": ["github:read", "jira:edit", "aws-dev:read"],
  "grp:sales": ["salesforce:read", "zendesk:read"],
};

export const DEPARTMENTS: readonly Department[] = [
  {
    name: "engineering",
    headcount: 70,
    group: "grp:engineering",
    role: ["github:write", "aws-dev:deploy", "k8s-prod:read", "pagerduty:respond"],
    specialist: {
      name: "sre",
      share: 0.2,
      role: ["aws-prod:read", "aws-prod:deploy", "k8s-prod:exec", "vault:read-secrets"],
    },
  },
  {
    name: "sales",
    headcount: 45,
    group: "grp:sales",
    role: ["salesforce:edit-opportunity", "jira:read"],
  },
  {
    name: "support",
    headcount: 35,
    role: ["zendesk:agent", "zendesk:read", "salesforce:read", "jira:read"],
  },
  {
    name: "finance",
    headcount: 20,
    role: ["netsuite:read", "netsuite:post-journal", "snowflake:query-finance", "jira:read"],
  },
  {
    name: "people",
    headcount: 12,
    role: ["workday:view-comp", "workday:edit-employee", "jira:read"],
  },
  {
    name: "data",
    headcount: 18,
    role: ["snowflake:query", "snowflake:load", "aws-prod:s3-read", "github:read", "jira:read"],
  },
  {
    name: "security",
    headcount: 8,
    role: ["aws-prod:audit-read", "okta:admin", "github:admin", "vault:admin", "jira:read"],
  },
];

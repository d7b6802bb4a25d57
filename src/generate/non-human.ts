import { DAY_MS, formatDate } from "../dates.js";
import type { IdentityInput, UsageRecordInput } from "../estate/schema.js";
import { type GeneratorContext, usage } from "./context.js";

/** One non-human identity template: its metadata and its grants. */
interface Template {
  readonly identity: IdentityInput;
  readonly grants: readonly string[];
  /** Grants planted as never or long unused. */
  readonly unused?: readonly string[];
  readonly channel: UsageRecordInput["channel"];
  readonly granularity?: UsageRecordInput["granularity"];
}

/**
 * Non-human identities of the demo estate. Fixed templates cover every
 * kind and every lifecycle case; `scale` adds more API keys and
 * workloads.
 */
export function nonHumanIdentities(
  context: GeneratorContext,
  scale: number,
): { identities: IdentityInput[]; records: UsageRecordInput[] } {
  const { daysAgo, between, chance } = context;
  const templates: Template[] = [
    {
      identity: { id: "svc-ci-deployer", kind: "service-account", owner: "platform-team", createdAt: daysAgo(900), credentialRotatedAt: daysAgo(20) },
      grants: ["github:read", "aws-prod:deploy", "aws-dev:deploy", "k8s-prod:read"],
      channel: "non-interactive",
    },
    {
      identity: { id: "svc-backup", kind: "service-account", owner: "platform-team", createdAt: daysAgo(1200), credentialRotatedAt: daysAgo(400) },
      grants: ["aws-prod:s3-read", "aws-prod:s3-write", "vault:admin"],
      unused: ["vault:admin"],
      channel: "non-interactive",
    },
    {
      identity: { id: "svc-etl-loader", kind: "service-account", owner: "data-team", createdAt: daysAgo(700) },
      grants: ["snowflake:query", "snowflake:load", "aws-prod:s3-read", "snowflake:admin"],
      unused: ["snowflake:admin"],
      channel: "non-interactive",
    },
    {
      identity: { id: "svc-billing-sync", kind: "service-account", owner: "finance-systems", createdAt: daysAgo(800) },
      grants: ["netsuite:post-journal", "netsuite:read", "salesforce:read"],
      channel: "api",
    },
    {
      identity: { id: "svc-report-exporter", kind: "service-account", owner: null, createdAt: daysAgo(1500) },
      grants: ["salesforce:export", "snowflake:query"],
      unused: ["salesforce:export"],
      channel: "api",
    },
    {
      identity: { id: "svc-legacy-sync", kind: "service-account", createdAt: daysAgo(2100), credentialRotatedAt: daysAgo(1100) },
      grants: ["netsuite:read", "salesforce:read", "aws-prod:s3-write"],
      unused: ["netsuite:read", "salesforce:read", "aws-prod:s3-write"],
      channel: "non-interactive",
    },
    {
      identity: { id: "agent-support-copilot", kind: "ai-agent", owner: "support-ops", createdAt: daysAgo(150) },
      grants: ["zendesk:agent", "zendesk:read", "salesforce:read", "salesforce:export"],
      unused: ["salesforce:export"],
      channel: "api",
    },
    {
      identity: { id: "agent-code-review", kind: "ai-agent", owner: "platform-team", createdAt: daysAgo(30) },
      grants: ["github:read", "github:write", "github:admin"],
      unused: ["github:admin"],
      channel: "api",
    },
    {
      identity: { id: "token-gh-release", kind: "token", owner: "platform-team", createdAt: daysAgo(300), expiresAt: daysAgo(15), credentialRotatedAt: daysAgo(300) },
      grants: ["github:write", "github:read"],
      channel: "api",
    },
    {
      identity: { id: "aws-service-role-elb", kind: "platform-managed", owner: "aws", createdAt: daysAgo(1000) },
      grants: ["aws-prod:service-linked", "aws-prod:read"],
      unused: ["aws-prod:read"],
      channel: "service",
    },
    {
      identity: { id: "breakglass-admin", kind: "human", owner: "security", breakGlass: true, createdAt: daysAgo(1300), credentialRotatedAt: daysAgo(60) },
      grants: ["okta:admin", "aws-prod:admin", "vault:admin"],
      unused: ["okta:admin", "aws-prod:admin", "vault:admin"],
      channel: "interactive",
    },
  ];

  const keys = Math.max(4, Math.round(6 * scale));
  for (let n = 1; n <= keys; n++) {
    templates.push({
      identity: { id: `apikey-partner-${n}`, kind: "api-key", owner: chance(0.8) ? "partnerships" : null, createdAt: daysAgo(between(100, 900)), credentialRotatedAt: daysAgo(between(10, 500)) },
      grants: ["salesforce:read"],
      channel: "api",
    });
  }
  const workloads = Math.max(4, Math.round(8 * scale));
  for (let n = 1; n <= workloads; n++) {
    templates.push({
      identity: { id: `wl-payments-${n}`, kind: "workload", owner: "payments-team", createdAt: daysAgo(between(60, 600)) },
      grants: ["aws-prod:s3-read", "vault:read-secrets", "k8s-prod:read"],
      unused: n % 4 === 0 ? ["vault:read-secrets"] : [],
      channel: "non-interactive",
      granularity: "service",
    });
  }
  for (let n = 1; n <= 3; n++) {
    templates.push({
      identity: { id: `device-kiosk-${n}`, kind: "device", owner: "it-ops", createdAt: daysAgo(400) },
      grants: ["okta:device-auth"],
      unused: n === 3 ? ["okta:device-auth"] : [],
      channel: "non-interactive",
    });
  }

  const identities: IdentityInput[] = [];
  const records: UsageRecordInput[] = [];
  for (const template of templates) {
    identities.push(template.identity);
    for (const entitlement of template.grants) {
      const unused = template.unused?.includes(entitlement) ?? false;
      const grantedDaysAgo = Math.min(between(100, 700), ageDays(context, template.identity));
      records.push({
        identity: template.identity.id,
        entitlement,
        grantedAt: daysAgo(grantedDaysAgo),
        channel: template.channel,
        granularity: template.granularity ?? "action",
        ...usage(context, unused, entitlement, grantedDaysAgo),
      });
    }
  }
  records.push(...quarterlyJob(context), ...ungrantedUse(context));
  identities.push(
    { id: "svc-quarterly-close", kind: "service-account", owner: "finance-systems", createdAt: daysAgo(1400) },
  );
  return { identities, records };
}

function ageDays(context: GeneratorContext, identity: IdentityInput): number {
  const created = identity.createdAt === undefined ? undefined : Date.parse(identity.createdAt);
  return created === undefined ? 2000 : Math.floor((context.asOf - created) / DAY_MS);
}

// A quarter-end job: used every 91 days, last 95 days ago, so it missed
// one 90-day window without being dormant.
function quarterlyJob(context: GeneratorContext): UsageRecordInput[] {
  const history = [95, 186, 277, 368, 459].map((days) =>
    formatDate(context.asOf - days * DAY_MS),
  );
  return [
    {
      identity: "svc-quarterly-close",
      entitlement: "snowflake:query-finance",
      grantedAt: context.daysAgo(1400),
      uses: 0,
      lastUsedAt: history[0]!,
      history,
      channel: "non-interactive",
      granularity: "action",
    },
  ];
}

// A workload reading secrets it was never granted, seen in the logs.
function ungrantedUse(context: GeneratorContext): UsageRecordInput[] {
  return [
    {
      identity: "wl-payments-1",
      entitlement: "vault:admin",
      granted: false,
      uses: 3,
      lastUsedAt: context.daysAgo(2),
      channel: "non-interactive",
    },
  ];
}

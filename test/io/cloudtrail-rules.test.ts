import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { EventReading } from "../../src/io/activity-log/observed.js";
import { readCloudTrailEvent } from "../../src/io/cloudtrail/event.js";
import { resolveCloudTrailIdentity } from "../../src/io/cloudtrail/identity.js";
import { loadCloudTrail } from "../../src/io/cloudtrail/load.js";
import { classifyCall } from "../../src/io/cloudtrail/outcome.js";
import { deepFreeze } from "../helpers/datasets.js";

const ACCOUNT = "111111111111";
const ALICE = `arn:aws:iam::${ACCOUNT}:user/alice`;
const DEPLOY_ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`;
const RDS_ROLE =
  `arn:aws:iam::${ACCOUNT}:role/aws-service-role/rds.amazonaws.com/` +
  "AWSServiceRoleForRDS";

const alice = { type: "IAMUser", arn: ALICE, accountId: ACCOUNT };

/** Builds a successful S3 call by alice, with `fields` replaced. */
function callEvent(fields: Record<string, unknown> = {}) {
  return {
    eventVersion: "1.08",
    eventTime: "2023-07-10T12:00:00Z",
    eventSource: "s3.amazonaws.com",
    eventName: "GetObject",
    eventType: "AwsApiCall",
    userIdentity: alice,
    ...fields,
  };
}

function counted(reading: EventReading) {
  if (reading.status !== "counted") {
    throw new Error(`expected a counted event, got ${reading.reason}`);
  }
  expect(reading.attempts).toHaveLength(1);
  return reading.attempts[0]!;
}

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true });
});

/** Writes events as a delivery file and loads it. */
async function loadEvents(
  events: readonly object[],
  options: Parameters<typeof loadCloudTrail>[1] = {},
) {
  const folder = mkdtempSync(join(tmpdir(), "rolemine-cloudtrail-"));
  folders.push(folder);
  const file = join(folder, "events.json");
  writeFileSync(file, JSON.stringify({ Records: events }));
  return loadCloudTrail(file, options);
}

describe("resolveCloudTrailIdentity", () => {
  it("credits an assumed-role session to its role", () => {
    const identity = resolveCloudTrailIdentity({
      type: "AssumedRole",
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/i-0abc`,
      sessionContext: { sessionIssuer: { type: "Role", arn: DEPLOY_ROLE } },
    });
    expect(identity).toEqual({ id: DEPLOY_ROLE });
  });

  it("rebuilds the role ARN without an issuer", () => {
    const identity = resolveCloudTrailIdentity({
      type: "AssumedRole",
      arn: `arn:aws-cn:sts::${ACCOUNT}:assumed-role/deploy/session-7`,
    });
    expect(identity).toEqual({ id: `arn:aws-cn:iam::${ACCOUNT}:role/deploy` });
  });

  it("marks a service-linked role platform-managed", () => {
    const identity = resolveCloudTrailIdentity({
      type: "AssumedRole",
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForRDS/x`,
      sessionContext: { sessionIssuer: { type: "Role", arn: RDS_ROLE } },
    });
    expect(identity).toEqual({ id: RDS_ROLE, kind: "platform-managed" });
  });

  it("marks a rebuilt service-linked role by name", () => {
    const identity = resolveCloudTrailIdentity({
      type: "AssumedRole",
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForRDS/x`,
    });
    expect(identity?.kind).toBe("platform-managed");
  });

  it("names an IAM user by ARN, kind unknown", () => {
    expect(resolveCloudTrailIdentity(alice)).toEqual({ id: ALICE });
  });

  it("rebuilds a user ARN that is missing", () => {
    const identity = resolveCloudTrailIdentity({
      type: "IAMUser",
      accountId: ACCOUNT,
      userName: "alice",
    });
    expect(identity).toEqual({ id: ALICE });
  });

  it("names an AWS service by its principal", () => {
    const identity = resolveCloudTrailIdentity({
      type: "AWSService",
      invokedBy: "rds.amazonaws.com",
    });
    expect(identity).toEqual({
      id: "rds.amazonaws.com",
      kind: "platform-managed",
    });
  });

  it("names an untyped service event by invokedBy", () => {
    const identity = resolveCloudTrailIdentity({
      accountId: ACCOUNT,
      invokedBy: "secretsmanager.amazonaws.com",
    });
    expect(identity?.id).toBe("secretsmanager.amazonaws.com");
  });

  it("marks a federated user a token", () => {
    const arn = `arn:aws:sts::${ACCOUNT}:federated-user/bob`;
    const identity = resolveCloudTrailIdentity({ type: "FederatedUser", arn });
    expect(identity).toEqual({ id: arn, kind: "token" });
  });

  it("falls back to type and principal id", () => {
    const identity = resolveCloudTrailIdentity({
      type: "AWSAccount",
      principalId: "AIDAEXAMPLE",
      accountId: "222222222222",
    });
    expect(identity).toEqual({ id: "AWSAccount:AIDAEXAMPLE" });
  });

  it("rejects a hidden user name", () => {
    const identity = resolveCloudTrailIdentity({
      type: "IAMUser",
      accountId: ACCOUNT,
      userName: "HIDDEN_DUE_TO_SECURITY_REASONS",
    });
    expect(identity).toBeUndefined();
  });

  it("merges accounts on request", () => {
    const identity = resolveCloudTrailIdentity(alice, { mergeAccounts: true });
    expect(identity).toEqual({ id: "arn:aws:iam::*:user/alice" });
  });
});

describe("classifyCall", () => {
  it.each([
    "AccessDenied",
    "AccessDeniedException",
    "Client.UnauthorizedOperation",
    "UnauthorizedOperation",
    "AuthorizationError",
  ])("classifies %s as denied", (errorCode) => {
    expect(classifyCall({ errorCode })).toEqual({ kind: "denied" });
  });

  it("classifies a not-authorized message as denied", () => {
    const outcome = classifyCall({
      errorCode: "SomeServiceError",
      errorMessage: "User: x is not authorized to perform: kms:Decrypt",
    });
    expect(outcome).toEqual({ kind: "denied" });
  });

  it.each(["ThrottlingException", "NoSuchBucketPolicy", "Client.VpcLimitExceeded"])(
    "classifies %s as errored",
    (errorCode) => {
      expect(classifyCall({ errorCode })).toEqual({
        kind: "errored",
        code: errorCode,
      });
    },
  );

  it("classifies a failed console login as denied", () => {
    const outcome = classifyCall({
      eventType: "AwsConsoleSignIn",
      eventName: "ConsoleLogin",
      responseElements: { ConsoleLogin: "Failure" },
      errorMessage: "Failed authentication",
    });
    expect(outcome).toEqual({ kind: "denied" });
  });
});

describe("readCloudTrailEvent", () => {
  it("names the entitlement eventSource:eventName", () => {
    const attempt = counted(readCloudTrailEvent(callEvent()));
    expect(attempt.entitlement).toBe("s3.amazonaws.com:GetObject");
    expect(attempt.system).toBe("s3.amazonaws.com");
    expect(attempt.outcome).toBe("use");
    expect(attempt.time).toBe(Date.parse("2023-07-10T12:00:00Z"));
  });

  it("puts invokedBy calls on the service channel", () => {
    const event = callEvent({
      userIdentity: { ...alice, invokedBy: "secretsmanager.amazonaws.com" },
    });
    const attempt = counted(readCloudTrailEvent(event));
    expect(attempt.channel).toBe("service");
    expect(attempt.identity.id).toBe(ALICE);
  });

  it("puts AWSService calls on the service channel", () => {
    const event = callEvent({
      eventSource: "sts.amazonaws.com",
      eventName: "AssumeRole",
      userIdentity: { type: "AWSService", invokedBy: "rds.amazonaws.com" },
    });
    expect(counted(readCloudTrailEvent(event)).channel).toBe("service");
  });

  it("puts console sign-in on the interactive channel", () => {
    const event = callEvent({
      eventType: "AwsConsoleSignIn",
      eventSource: "signin.amazonaws.com",
      eventName: "ConsoleLogin",
      responseElements: { ConsoleLogin: "Success" },
    });
    const attempt = counted(readCloudTrailEvent(event));
    expect(attempt.channel).toBe("interactive");
    expect(attempt.outcome).toBe("use");
  });

  it("puts console-session calls on the interactive channel", () => {
    const event = callEvent({ sessionCredentialFromConsole: "true" });
    expect(counted(readCloudTrailEvent(event)).channel).toBe("interactive");
  });

  it("puts other calls on the api channel", () => {
    expect(counted(readCloudTrailEvent(callEvent())).channel).toBe("api");
  });

  it("counts AccessDenied as a failure", () => {
    const event = callEvent({ errorCode: "AccessDenied" });
    expect(counted(readCloudTrailEvent(event)).outcome).toBe("failure");
  });

  it("skips an errored call by default", () => {
    const reading = readCloudTrailEvent(
      callEvent({ errorCode: "ThrottlingException" }),
    );
    expect(reading).toMatchObject({
      status: "skipped",
      reason: "errored",
      errorCode: "ThrottlingException",
      identity: { id: ALICE },
    });
  });

  it("credits an errored call as use on request", () => {
    const reading = readCloudTrailEvent(
      callEvent({ errorCode: "NoSuchBucketPolicy" }),
      { erroredCalls: "use" },
    );
    expect(counted(reading).outcome).toBe("use");
    expect(reading.errorCode).toBe("NoSuchBucketPolicy");
  });

  it("skips an Insights event", () => {
    const reading = readCloudTrailEvent({
      eventTime: "2023-07-10T12:00:00Z",
      eventSource: "ec2.amazonaws.com",
      eventName: "RunInstances",
      eventType: "AwsCloudTrailInsight",
    });
    expect(reading).toMatchObject({ status: "skipped", reason: "insight" });
  });

  it("skips an event with a hidden identity", () => {
    const reading = readCloudTrailEvent(
      callEvent({
        userIdentity: {
          type: "IAMUser",
          accountId: ACCOUNT,
          userName: "HIDDEN_DUE_TO_SECURITY_REASONS",
        },
      }),
    );
    expect(reading).toMatchObject({
      status: "skipped",
      reason: "unresolvedIdentity",
    });
  });

  it("skips an event without userIdentity", () => {
    const reading = readCloudTrailEvent(callEvent({ userIdentity: undefined }));
    expect(reading).toMatchObject({
      status: "skipped",
      reason: "unresolvedIdentity",
    });
  });

  it("rejects an event without eventSource", () => {
    expect(() => readCloudTrailEvent(callEvent({ eventSource: 7 }))).toThrow(
      "at eventSource: received 7, expected a non-empty string, as in " +
        "every CloudTrail event",
    );
  });

  it("does not change the event", () => {
    const event = deepFreeze(callEvent({ errorCode: "AccessDenied" }));
    expect(() => readCloudTrailEvent(event)).not.toThrow();
  });
});

describe("loadCloudTrail on hand-written events", () => {
  it("records a denial as a failure, not a use", async () => {
    const { parts, summary } = await loadEvents([
      callEvent({ errorCode: "AccessDenied", eventTime: "2023-07-10T12:05:00Z" }),
    ]);
    expect(parts.records).toEqual([
      {
        identity: ALICE,
        entitlement: "s3.amazonaws.com:GetObject",
        granted: false,
        uses: 0,
        failures: 1,
        lastFailureAt: "2023-07-10T12:05:00.000Z",
        channel: "api",
        granularity: "action",
      },
    ]);
    expect(summary.failures).toBe(1);
    expect(summary.uses).toBe(0);
    expect(summary.deniedOnlyPairs).toBe(1);
  });

  it("credits session calls to the role", async () => {
    const session = (name: string) => ({
      type: "AssumedRole",
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/${name}`,
      sessionContext: { sessionIssuer: { type: "Role", arn: DEPLOY_ROLE } },
    });
    const { parts } = await loadEvents([
      callEvent({ userIdentity: session("one") }),
      callEvent({ userIdentity: session("two") }),
    ]);
    expect(parts.identities).toEqual([{ id: DEPLOY_ROLE }]);
    expect(parts.records).toHaveLength(1);
    expect(parts.records[0]?.uses).toBe(2);
  });

  it("splits a pair's records by channel", async () => {
    const { parts } = await loadEvents([
      callEvent(),
      callEvent({ sessionCredentialFromConsole: "true" }),
      callEvent({ eventTime: "2023-07-11T09:00:00Z" }),
    ]);
    const byChannel = Object.fromEntries(
      parts.records.map((record) => [record.channel, record]),
    );
    expect(byChannel.api?.uses).toBe(2);
    expect(byChannel.api?.history).toEqual(["2023-07-10", "2023-07-11"]);
    expect(byChannel.api?.lastUsedAt).toBe("2023-07-11T09:00:00.000Z");
    expect(byChannel.interactive?.uses).toBe(1);
  });

  it("counts a repeated event id once on request", async () => {
    const event = callEvent({ eventID: "5b1e2f3a" });
    const { summary } = await loadEvents([event, event], {
      deduplicate: true,
    });
    expect(summary.eventsRead).toBe(2);
    expect(summary.uses).toBe(1);
    expect(summary.skipped.duplicate).toBe(1);
  });

  it("counts a repeated event id twice by default", async () => {
    const event = callEvent({ eventID: "5b1e2f3a" });
    const { summary } = await loadEvents([event, event]);
    expect(summary.uses).toBe(2);
    expect(summary.skipped.duplicate).toBe(0);
  });
});

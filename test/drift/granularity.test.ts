import { describe, expect, it } from "vitest";
import {
  ALICE,
  AS_OF,
  LONG_AGO,
  analyzeFrozen,
  findingOf,
  neverUsed,
  recommendationsAbout,
} from "./fixtures.js";

describe("usage granularity", () => {
  it("service-level use proves use", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        {
          identity: "alice",
          entitlement: "s3:GetObject",
          granularity: "service",
          uses: 3,
          lastUsedAt: "2026-06-10",
          grantedAt: LONG_AGO,
        },
      ],
    });
    expect(report.summary.verdicts.used).toBe(1);
    expect(report.findings).toEqual([]);
  });

  it("service-level non-use proves nothing", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [{ ...neverUsed("alice", "s3:PutObject"), granularity: "service" }],
    });
    const finding = findingOf(report, "unobserved-grant", "alice", "s3:PutObject");
    expect(finding.verdict).toBe("unknown");
    expect(finding.reasons).toEqual(["service-level-data"]);
    expect(finding.evidence["granularity"]).toBe("service");
    expect(report.summary.verdicts.dormant).toBe(0);
    expect(recommendationsAbout(report, "alice")).toEqual([]);
  });

  it("old service-level use proves nothing", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        {
          identity: "alice",
          entitlement: "s3:PutObject",
          granularity: "service",
          uses: 0,
          lastUsedAt: "2025-10-01",
          grantedAt: LONG_AGO,
        },
      ],
    });
    const finding = findingOf(report, "unobserved-grant", "alice", "s3:PutObject");
    expect(finding.reasons).toEqual(["service-level-data"]);
    expect(report.recommendations).toEqual([]);
  });

  it("action-level non-use is dormant", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [{ ...neverUsed("alice", "s3:PutObject"), granularity: "action" }],
    });
    const finding = findingOf(report, "dormant-grant", "alice", "s3:PutObject");
    expect(finding.evidence["granularity"]).toBe("action");
  });

  it("unstated granularity is reported unknown", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [neverUsed("alice", "s3:PutObject")],
    });
    const finding = findingOf(report, "dormant-grant", "alice", "s3:PutObject");
    expect(finding.evidence["granularity"]).toBe("unknown");
  });

  it("service-level record weakens an action-level one", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        { ...neverUsed("alice", "s3:PutObject"), granularity: "action" },
        {
          identity: "alice",
          entitlement: "s3:PutObject",
          granularity: "service",
          uses: 0,
        },
      ],
    });
    const finding = findingOf(report, "unobserved-grant", "alice", "s3:PutObject");
    expect(finding.reasons).toEqual(["service-level-data"]);
  });

  it("idle membership states its granularity", () => {
    const report = analyzeFrozen({
      asOf: AS_OF,
      identities: [ALICE],
      records: [
        { identity: "alice", entitlement: "grp-data", grantedAt: LONG_AGO },
        {
          identity: "alice",
          entitlement: "s3:GetObject",
          via: "grp-data",
          granularity: "action",
          uses: 0,
          lastUsedAt: null,
          grantedAt: LONG_AGO,
        },
        {
          identity: "alice",
          entitlement: "mail:send",
          uses: 4,
          lastUsedAt: "2026-06-20",
        },
      ],
    });
    const finding = findingOf(report, "idle-membership", "alice", "grp-data");
    expect(finding.evidence["granularity"]).toBe("action");
  });
});

import { describe, expect, it } from "vitest";
import { formatDate } from "../../src/dates.js";
import { createEstate } from "../../src/estate/parse.js";

describe("buildEstate merging", () => {
  it("sums uses over channels and aliases", () => {
    const estate = createEstate({
      identities: [{ id: "alice", aliases: ["alice@old"] }],
      records: [
        { identity: "alice", entitlement: "crm:read", uses: 2, channel: "interactive" },
        { identity: "alice@old", entitlement: "crm:read", uses: 5, channel: "api" },
      ],
    });
    expect(estate.matrix.cellCount).toBe(1);
    expect(estate.matrix.uses[0]).toBe(7);
    expect(estate.matrix.channels[0]).toBe(1 | 4);
    expect(estate.mergedRecords).toBe(1);
    expect(estate.aliasedRecords).toBe(1);
  });

  it("takes the last use from history", () => {
    const estate = createEstate([
      { identity: "job", entitlement: "gl:close", history: ["2026-03-31", "2026-06-30"] },
    ]);
    expect(formatDate(estate.matrix.lastUsedAt[0]!)).toBe("2026-06-30T00:00:00.000Z");
    expect(estate.matrix.hasUsage).toBe(true);
    expect(formatDate(estate.latestDate!)).toBe("2026-06-30T00:00:00.000Z");
  });

  it("keeps the group path of a pair", () => {
    const estate = createEstate([
      { identity: "bob", entitlement: "db:read" },
      { identity: "bob", entitlement: "db:read", via: "grp:data" },
      { identity: "bob", entitlement: "db:read", via: "grp:ops" },
    ]);
    const groupColumn = estate.matrix.entitlements.indexOf("grp:data");
    expect(estate.matrix.via[0]).toBe(groupColumn);
  });

  it("keeps the latest failure and earliest grant", () => {
    const estate = createEstate([
      { identity: "a", entitlement: "x", failures: 1, lastFailureAt: "2026-01-01", grantedAt: "2025-05-01" },
      { identity: "a", entitlement: "x", failures: 2, lastFailureAt: "2026-02-01", grantedAt: "2024-05-01" },
    ]);
    expect(estate.matrix.failures[0]).toBe(3);
    expect(formatDate(estate.matrix.lastFailureAt[0]!)).toBe("2026-02-01T00:00:00.000Z");
    expect(formatDate(estate.matrix.grantedAt[0]!)).toBe("2024-05-01T00:00:00.000Z");
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import type { EstateInput } from "../../src/estate/schema.js";
import { analyze } from "../../src/pipeline/analyze.js";
import type { Report } from "../../src/report/types.js";
import { deepFreeze } from "../helpers/datasets.js";

const AS_OF = "2026-11-30";

/** Six analysts who use crm:read; two also hold an idle crm:export. */
function estate(changes: { privilege?: "high"; exportUsedBy?: string } = {}): EstateInput {
  const records: EstateInput["records"] = [];
  for (let n = 1; n <= 6; n++) {
    records.push({ identity: `analyst-${n}`, entitlement: "crm:read", uses: 10 + n, lastUsedAt: "2026-11-20" });
  }
  for (const identity of ["analyst-1", "analyst-2"]) {
    const used = changes.exportUsedBy === identity;
    records.push({
      identity,
      entitlement: "crm:export",
      uses: used ? 2 : 0,
      lastUsedAt: used ? "2026-11-25" : "2026-02-01",
    });
  }
  return {
    asOf: AS_OF,
    entitlements: [{ id: "crm:export", ...(changes.privilege ? { privilege: changes.privilege } : {}) }],
    records,
  };
}

const OPTIONS = { k: 1, timings: false } as const;

function revokeOf(report: Report, identity: string) {
  const found = report.recommendations.find(
    (r) => r.kind === "revoke-grant" && r.target.identity === identity,
  );
  if (found === undefined) throw new Error(`no revoke-grant for ${identity}`);
  return found;
}

describe("review lifecycle", () => {
  const first = analyze(deepFreeze(estate()), OPTIONS);
  const dismissed = revokeOf(first, "analyst-1");

  it("keeps a dismissed recommendation dismissed", () => {
    const reviews = [{ id: dismissed.id, state: "rejected", etag: dismissed.review.etag, note: "quarterly audit" }];
    const second = analyze(estate(), { ...OPTIONS, reviews });
    const again = revokeOf(second, "analyst-1");
    expect(again.id).toBe(dismissed.id);
    expect(again.review.state).toBe("rejected");
    expect(again.review.note).toBe("quarterly audit");
    expect(again.review.reviewedEtag).toBe(dismissed.review.etag);
    expect(again.status).toBe("advisory");
    expect(second.reviews?.applied).toBe(1);
  });

  it("reopens a dismissed one on material change", () => {
    const reviews = [{ id: dismissed.id, state: "rejected" }];
    const second = analyze(estate({ privilege: "high" }), { ...OPTIONS, reviews });
    const reopened = revokeOf(second, "analyst-1");
    expect(reopened.id).not.toBe(dismissed.id);
    expect(reopened.id.slice(0, 12)).toBe(dismissed.id.slice(0, 12));
    expect(reopened.supersedes).toBe(dismissed.id);
    expect(reopened.review.state).toBe("pending");
    expect(reopened.priority).toBe("high");
    expect(second.reviews?.superseded).toBe(1);
  });

  it("freezes claimed content across runs", () => {
    const claimed = revokeOf(first, "analyst-2");
    const reviews = [{ id: claimed.id, state: "claimed" }];
    // A later run in which the evidence moved: asOf ten days on.
    const later = { ...estate(), asOf: "2026-12-10" };
    const second = analyze(later, { ...OPTIONS, reviews, previous: first });
    const kept = revokeOf(second, "analyst-2");
    expect(kept.id).toBe(claimed.id);
    expect(kept.review.state).toBe("claimed");
    expect(kept.evidence).toEqual(claimed.evidence);
    expect(kept.review.etag).toBe(claimed.review.etag);
    expect(second.reviews?.frozenByClaim).toBe(1);
    // Without the claim the evidence would have moved.
    const unclaimed = revokeOf(analyze(later, OPTIONS), "analyst-2");
    expect(unclaimed.evidence["daysSinceLastUse"]).not.toBe(claimed.evidence["daysSinceLastUse"]);
  });

  it("raises no new variant while a claim stands", () => {
    const claimed = revokeOf(first, "analyst-2");
    const reviews = [{ id: claimed.id, state: "claimed" }];
    const second = analyze(estate({ privilege: "high" }), { ...OPTIONS, reviews, previous: first });
    const onSubject = second.recommendations.filter(
      (r) => r.kind === "revoke-grant" && r.target.identity === "analyst-2",
    );
    expect(onSubject).toHaveLength(1);
    expect(onSubject[0]?.id).toBe(claimed.id);
  });

  it("lists reviews whose subject is gone as closed", () => {
    const reviews = [{ id: dismissed.id, state: "accepted" }];
    const second = analyze(estate({ exportUsedBy: "analyst-1" }), { ...OPTIONS, reviews });
    expect(second.reviews?.closed).toEqual([dismissed.id]);
    expect(second.recommendations.some((r) => r.target.identity === "analyst-1" && r.kind === "revoke-grant")).toBe(false);
  });

  it("reports a claim it cannot freeze", () => {
    const claimed = revokeOf(first, "analyst-2");
    const reviews = [{ id: claimed.id, state: "claimed", etag: "0000000000000000" }];
    const second = analyze(estate(), { ...OPTIONS, reviews });
    expect(second.reviews?.unfrozen).toEqual([claimed.id]);
  });
});

describe("run-to-run diff", () => {
  it("splits findings into new, resolved and unchanged", () => {
    const first = analyze(estate(), OPTIONS);
    const second = analyze(estate({ exportUsedBy: "analyst-1" }), { ...OPTIONS, previous: first });
    const firstIds = new Set(first.findings.map((f) => f.id));
    const secondIds = new Set(second.findings.map((f) => f.id));
    const resolved = [...firstIds].filter((id) => !secondIds.has(id));
    expect(second.diff?.resolved).toEqual(resolved);
    expect(resolved.length).toBeGreaterThan(0);
    expect(second.diff?.new).toEqual([]);
    expect(second.diff?.unchanged).toBe(secondIds.size);
  });

  it("counts new high-priority findings", () => {
    const first = analyze(estate(), OPTIONS);
    const second = analyze(estate({ privilege: "high" }), { ...OPTIONS, previous: first });
    // The finding ids are unchanged (same subject); only the priority moved.
    expect(second.diff?.new).toEqual([]);
    expect(second.diff?.evidenceChanged.length).toBe(2);
  });

  it("rejects a previous report of another schema", () => {
    expect(() => analyze(estate(), { ...OPTIONS, previous: { schemaVersion: "2.0.0", findings: [], recommendations: [] } })).toThrow(InputError);
    try {
      analyze(estate(), { ...OPTIONS, previous: { schemaVersion: "2.0.0", findings: [], recommendations: [] } });
    } catch (error) {
      expect((error as Error).message).toContain('at schemaVersion: received "2.0.0"');
    }
  });
});

describe("reviews file validation", () => {
  it("rejects an unknown state", () => {
    expect(() => analyze(estate(), { ...OPTIONS, reviews: [{ id: "r-0123456789-abcdef", state: "done" }] })).toThrow(
      /at 0\.state: received "done", expected one of pending, claimed, accepted, rejected, failed/,
    );
  });

  it("rejects a malformed id", () => {
    expect(() => analyze(estate(), { ...OPTIONS, reviews: [{ id: "42", state: "accepted" }] })).toThrow(
      /at 0\.id: received "42", expected a recommendation id/,
    );
  });

  it("rejects an id listed twice", () => {
    const id = "r-0123456789-abcdef";
    expect(() => analyze(estate(), { ...OPTIONS, reviews: [{ id, state: "accepted" }, { id, state: "rejected" }] })).toThrow(
      /at 1\.id: .*each id once/,
    );
  });
});

describe("reviews never change a grant", () => {
  it("keeps the input and verdicts for any review states", () => {
    const base = analyze(estate(), OPTIONS);
    const ids = base.recommendations.map((r) => r.id);
    const states = ["pending", "claimed", "accepted", "rejected", "failed"] as const;
    fc.assert(
      fc.property(
        fc.subarray(ids),
        fc.array(fc.constantFrom(...states), { minLength: ids.length, maxLength: ids.length }),
        (chosen, picked) => {
          const input = deepFreeze(estate());
          const reviews = chosen.map((id, n) => ({ id, state: picked[n]! }));
          const report = analyze(input, { ...OPTIONS, reviews, previous: base });
          expect(report.input).toEqual(base.input);
          expect(report.summary.verdicts).toEqual(base.summary.verdicts);
          expect(report.findings).toEqual(base.findings);
          for (const recommendation of report.recommendations) {
            expect(recommendation.status).toBe("advisory");
          }
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });
});

import { formatDate, formatDay } from "../../dates.js";
import {
  CHANNELS,
  type Channel,
  type Granularity,
} from "../../estate/schema.js";
import type {
  Attempt,
  EventReading,
  ObservedIdentity,
  ObservedPair,
  ObservedUsage,
} from "./observed.js";
import {
  type ActivityLogSource,
  type ReadSummary,
  SKIP_REASONS,
} from "./summary.js";

interface PairDraft {
  identity: string;
  entitlement: string;
  channel: Channel;
  uses: number;
  lastUsedAt: number;
  failures: number;
  lastFailureAt: number;
  days: Set<string>;
}

const zeroCounts = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/**
 * Accumulates the events of one log read into pairs and counts. Memory
 * grows with the distinct identity-entitlement-channel triples and their
 * days of use, not with the number of events.
 */
export class UsageTally {
  private readonly pairs = new Map<string, PairDraft>();
  private readonly identities = new Map<string, ObservedIdentity>();
  private readonly systems = new Map<string, string>();
  private readonly skipped = zeroCounts(SKIP_REASONS);
  private readonly channels = zeroCounts(CHANNELS);
  private readonly erroredCalls: Record<string, number> = {};
  private eventsRead = 0;
  private eventsCounted = 0;
  private uses = 0;
  private failures = 0;
  private earliest = Infinity;
  private latest = -Infinity;

  constructor(
    private readonly source: ActivityLogSource,
    private readonly granularity: Granularity,
  ) {}

  /** Number of events read so far. */
  get events(): number {
    return this.eventsRead;
  }

  /** Adds what one event read contributes. */
  add(reading: EventReading): void {
    this.eventsRead++;
    if (reading.time < this.earliest) this.earliest = reading.time;
    if (reading.time > this.latest) this.latest = reading.time;
    const code = reading.errorCode;
    if (code !== undefined) {
      this.erroredCalls[code] = (this.erroredCalls[code] ?? 0) + 1;
    }

    if (reading.status === "counted") {
      this.eventsCounted++;
      for (const attempt of reading.attempts) this.countAttempt(attempt);
    } else {
      if (reading.identity !== undefined) {
        this.observeIdentity(reading.identity);
      }
      this.skipped[reading.reason]++;
    }
  }

  private observeIdentity(identity: ObservedIdentity): void {
    const known = this.identities.get(identity.id);
    // The first kind that an event shows is kept.
    if (known === undefined || (known.kind === undefined && identity.kind)) {
      this.identities.set(identity.id, identity);
    }
  }

  private countAttempt(attempt: Attempt): void {
    this.observeIdentity(attempt.identity);
    if (!this.systems.has(attempt.entitlement)) {
      this.systems.set(attempt.entitlement, attempt.system);
    }
    const identity = attempt.identity.id;
    const { entitlement, channel } = attempt;
    const key = `${identity}\u0000${entitlement}\u0000${channel}`;
    let pair = this.pairs.get(key);
    if (pair === undefined) {
      pair = {
        identity,
        entitlement,
        channel,
        uses: 0,
        lastUsedAt: -Infinity,
        failures: 0,
        lastFailureAt: -Infinity,
        days: new Set(),
      };
      this.pairs.set(key, pair);
    }

    this.channels[channel]++;
    if (attempt.outcome === "use") {
      this.uses++;
      pair.uses++;
      pair.lastUsedAt = Math.max(pair.lastUsedAt, attempt.time);
      pair.days.add(formatDay(attempt.time));
    } else {
      this.failures++;
      pair.failures++;
      pair.lastFailureAt = Math.max(pair.lastFailureAt, attempt.time);
    }
  }

  /** Returns the usage read, with `files` and `filesSkipped` counted. */
  result(files: number, filesSkipped: number): ObservedUsage {
    const eventsSkipped = Object.values(this.skipped).reduce(
      (sum, n) => sum + n,
      0,
    );
    const summary: ReadSummary = {
      source: this.source,
      files,
      filesSkipped,
      eventsRead: this.eventsRead,
      eventsCounted: this.eventsCounted,
      eventsSkipped,
      skipped: { ...this.skipped },
      erroredCalls: { ...this.erroredCalls },
      uses: this.uses,
      failures: this.failures,
      channels: { ...this.channels },
      from: Number.isFinite(this.earliest)
        ? formatDate(this.earliest)
        : undefined,
      to: Number.isFinite(this.latest) ? formatDate(this.latest) : undefined,
    };
    return {
      summary,
      granularity: this.granularity,
      pairs: [...this.pairs.values()].map(finishPair),
      identities: [...this.identities.values()],
      entitlements: [...this.systems].map(([id, system]) => ({ id, system })),
    };
  }
}

function finishPair(draft: PairDraft): ObservedPair {
  const date = (ms: number) =>
    Number.isFinite(ms) ? formatDate(ms) : undefined;
  return {
    identity: draft.identity,
    entitlement: draft.entitlement,
    channel: draft.channel,
    uses: draft.uses,
    lastUsedAt: date(draft.lastUsedAt),
    failures: draft.failures,
    lastFailureAt: date(draft.lastFailureAt),
    days: [...draft.days].sort(),
  };
}

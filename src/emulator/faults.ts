/**
 * Latency and fault injection, deterministic from a numeric seed so a failing run can be replayed:
 * the same seed and the same sequence of calls give the same delays and the same failures.
 */

/** What goes wrong with a call: an HTTP status (429 carries Retry-After), a dropped socket, or no answer. */
export type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  | { kind: 'drop' }
  | { kind: 'timeout' };

/** Shorthand accepted in rules: `429`, `503`, `'drop'`, `'timeout'`, or a full Fault. */
export type FaultSpec = number | 'drop' | 'timeout' | Fault;

export interface FaultRule {
  /** `METHOD /template` as the specs spell it (e.g. `GET /rest/api/3/issue/{issueIdOrKey}`), or `*`. */
  route: string;
  /** Fail these calls of the route (1-based, counted from when the rule was added). */
  nth?: number | number[];
  /** Or fail each call with this probability, drawn from the seeded generator. */
  rate?: number;
  fault: FaultSpec;
}

export type LatencySpec = number | { minMs: number; maxMs: number };

/** mulberry32: tiny, fast and good enough to spread delays and failures; not for cryptography. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function normaliseFault(spec: FaultSpec): Fault {
  if (typeof spec === 'number') return spec === 429 ? { kind: 'status', status: 429, retryAfterSeconds: 1 } : { kind: 'status', status: spec };
  if (spec === 'drop') return { kind: 'drop' };
  if (spec === 'timeout') return { kind: 'timeout' };
  return spec;
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
}

export class FaultPlan {
  private rules: ActiveRule[] = [];
  private readonly random: () => number;
  private readonly latency: LatencySpec | undefined;
  private readonly routeLatency: Readonly<Record<string, LatencySpec>>;

  constructor(seed: number, rules: readonly FaultRule[] = [], latency?: LatencySpec, routeLatency: Readonly<Record<string, LatencySpec>> = {}) {
    this.random = seededRandom(seed);
    this.latency = latency;
    this.routeLatency = routeLatency;
    rules.forEach((r) => this.add(r));
  }

  add(rule: FaultRule): void {
    if (rule.nth === undefined && rule.rate === undefined) throw new Error(`fault rule for ${rule.route} needs nth or rate`);
    this.rules.push({ rule, seen: 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** The delay for this call of `route`; ranged latency draws from the seeded generator. */
  delayFor(route: string): number {
    const spec = this.routeLatency[route] ?? this.latency;
    if (spec === undefined) return 0;
    if (typeof spec === 'number') return spec;
    return Math.round(spec.minMs + this.random() * (spec.maxMs - spec.minMs));
  }

  /** The fault for this call of `route`, if a rule says so. Every matching rule counts the call. */
  faultFor(route: string): Fault | null {
    let chosen: Fault | null = null;
    for (const active of this.rules) {
      if (active.rule.route !== '*' && active.rule.route !== route) continue;
      active.seen += 1;
      const { nth, rate } = active.rule;
      const hitByNth = nth !== undefined && (Array.isArray(nth) ? nth.includes(active.seen) : nth === active.seen);
      // Draw only for rate rules so adding an nth rule does not shift the random sequence.
      const hitByRate = rate !== undefined && this.random() < rate;
      if (!chosen && (hitByNth || hitByRate)) chosen = normaliseFault(active.rule.fault);
    }
    return chosen;
  }
}

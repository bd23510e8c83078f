/**
 * Fault injection: transient failures as Grafana Cloud and its proxies produce them (§8).
 * Decisions come from a PRNG; with a `seed` the same request sequence gets the same faults.
 */
export interface FaultConfig {
  /** Probability (0–1) that a request fails with 500, 502 or 503. */
  readonly errorRate?: number;
  /** The statuses `errorRate` picks from, evenly. @default [500, 502, 503] */
  readonly errorStatuses?: readonly (500 | 502 | 503)[];
  /**
   * Sent as `Retry-After` (seconds) with injected errors, as a proxy in front of a restarting
   * service does with its 503 (both the ruler and the Grafana emulator send it).
   */
  readonly errorRetryAfterSeconds?: number;
  /** Probability (0–1) that the connection is destroyed without a response. */
  readonly resetRate?: number;
  /** Every Nth request (counting those the faults apply to) gets `429` with `Retry-After`. */
  readonly rateLimit?: { readonly everyN: number; readonly retryAfterSeconds: number };
  /** Seed for the deterministic PRNG (mulberry32); unseeded faults use `Math.random`. */
  readonly seed?: number;
  /** Only requests whose path starts with one of these prefixes are affected (default: all). */
  readonly paths?: readonly string[];
}

export type FaultDecision =
  | { readonly kind: 'none' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'rate-limit'; readonly retryAfterSeconds: number }
  | { readonly kind: 'error'; readonly status: 500 | 502 | 503; readonly retryAfterSeconds?: number };

/** mulberry32: tiny, fast, good enough for test fault decisions. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private config: FaultConfig = {};
  private random: () => number = Math.random;
  private counted = 0;

  set(config: FaultConfig): void {
    for (const [name, rate] of [
      ['errorRate', config.errorRate],
      ['resetRate', config.resetRate],
    ] as const) {
      if (rate !== undefined && !(rate >= 0 && rate <= 1)) throw new RangeError(`faults.${name} must be within 0–1, got ${rate}`);
    }
    if (config.rateLimit && !(Number.isInteger(config.rateLimit.everyN) && config.rateLimit.everyN >= 1)) {
      throw new RangeError(`faults.rateLimit.everyN must be a positive integer, got ${config.rateLimit.everyN}`);
    }
    if (config.errorStatuses && (config.errorStatuses.length === 0 || config.errorStatuses.some((st) => st !== 500 && st !== 502 && st !== 503))) {
      throw new RangeError(`faults.errorStatuses must list some of 500, 502, 503, got ${JSON.stringify(config.errorStatuses)}`);
    }
    this.config = { ...config };
    this.random = config.seed === undefined ? Math.random : mulberry32(config.seed);
    this.counted = 0;
  }

  clear(): void {
    this.set({});
  }

  /** Decides the fate of one request. */
  decide(path: string): FaultDecision {
    const c = this.config;
    if (c.paths && !c.paths.some((p) => path.startsWith(p))) return { kind: 'none' };
    if (c.errorRate === undefined && c.resetRate === undefined && c.rateLimit === undefined) return { kind: 'none' };
    this.counted += 1;
    if (c.rateLimit && this.counted % c.rateLimit.everyN === 0) {
      return { kind: 'rate-limit', retryAfterSeconds: c.rateLimit.retryAfterSeconds };
    }
    // Draw both numbers every time so one setting does not shift the other's sequence.
    const resetDraw = this.random();
    const errorDraw = this.random();
    const statusDraw = this.random();
    if (c.resetRate && resetDraw < c.resetRate) return { kind: 'reset' };
    if (c.errorRate && errorDraw < c.errorRate) {
      const statuses = c.errorStatuses ?? ([500, 502, 503] as const);
      const status = statuses[Math.floor(statusDraw * statuses.length)] ?? 503;
      return { kind: 'error', status, ...(c.errorRetryAfterSeconds !== undefined && { retryAfterSeconds: c.errorRetryAfterSeconds }) };
    }
    return { kind: 'none' };
  }
}

/** Response bodies for injected errors, as Grafana (500) and the proxies in front of it (502/503) send them. */
export function faultResponse(status: 500 | 502 | 503): { contentType: string; body: string } {
  if (status === 500) {
    return { contentType: 'application/json', body: JSON.stringify({ message: 'Internal Server Error', traceID: '' }) };
  }
  if (status === 502) {
    return {
      contentType: 'text/html',
      body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    };
  }
  return {
    contentType: 'text/html; charset=utf-8',
    body: '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="refresh" content="5">\n<title>Hosted Grafana - Loading</title>\n</head>\n<body>\n<h1>Hosted Grafana - Loading</h1>\n<p>Your Grafana instance is starting up. This page will refresh automatically.</p>\n</body>\n</html>\n',
  };
}

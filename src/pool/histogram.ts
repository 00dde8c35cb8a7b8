// A histogram of durations cheap enough to record every task: log-spaced buckets (about 3%
// wide, from 1 µs to about 25 days), one array increment per value; percentiles are read by
// walking the buckets, only when metrics() asks.

/** Buckets per doubling: 2^(1/24) ≈ 1.029, so a percentile is within 3% of the true value. */
const PER_DOUBLING = 24;
const SMALLEST_MS = 0.001;
const BUCKETS = PER_DOUBLING * 31;

export interface HistogramSummary {
  count: number;
  /** Milliseconds; 0 when nothing was recorded. */
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export class Histogram {
  readonly #counts = new Float64Array(BUCKETS);
  #count = 0;
  #max = 0;

  record(ms: number): void {
    const at = ms <= SMALLEST_MS ? 0 : Math.min(BUCKETS - 1, Math.ceil(Math.log2(ms / SMALLEST_MS) * PER_DOUBLING));
    this.#counts[at]++;
    this.#count++;
    if (ms > this.#max) this.#max = ms;
  }

  summary(): HistogramSummary {
    return { count: this.#count, p50: this.#quantile(0.5), p90: this.#quantile(0.9), p99: this.#quantile(0.99), max: this.#max };
  }

  // The upper edge of the bucket holding the q-th value, never above the largest value seen.
  #quantile(q: number): number {
    if (this.#count === 0) return 0;
    const rank = Math.ceil(q * this.#count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.#counts[i];
      if (seen >= rank) return Math.min(this.#max, SMALLEST_MS * 2 ** (i / PER_DOUBLING));
    }
    return this.#max;
  }
}

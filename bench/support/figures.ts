/** The q-quantile of samples already sorted ascending, as every figure here reads it. */
function quantileOfSorted(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** The q-quantile of samples (0.5 the median, 0.95 the p95), in their unit. */
export function quantile(samples: number[], q: number): number {
  return quantileOfSorted(
    [...samples].sort((a, b) => a - b),
    q,
  );
}

/** What the benchmarks print for a figure: how many samples, the median, the 95th percentile, the worst. */
export function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: quantileOfSorted(sorted, 0.5).toFixed(1),
    p95: quantileOfSorted(sorted, 0.95).toFixed(1),
    max: sorted[sorted.length - 1].toFixed(1),
  };
}

/**
 * How far one run's ratio of two quantiles can be trusted: the 95% percentile-bootstrap interval of
 * quantile(a) ÷ quantile(b), each set of samples resampled with replacement. A p95 of 50 samples
 * rests on their three slowest, so the ratio of two such p95s moves from run to run; the interval
 * shows by how much. The generator is seeded, so the same samples always print the same interval.
 */
export function ratioInterval(a: number[], b: number[], q: number, resamples = 4_000): [number, number] {
  let seed = 0x9e3779b9;
  // mulberry32: small, fast and good enough to draw sample indices.
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const resampledQuantile = (samples: number[]) =>
    quantileOfSorted(
      Array.from(samples, () => samples[Math.floor(random() * samples.length)]).sort((x, y) => x - y),
      q,
    );
  const ratios = Array.from({ length: resamples }, () => resampledQuantile(a) / resampledQuantile(b)).sort(
    (x, y) => x - y,
  );
  return [quantileOfSorted(ratios, 0.025), quantileOfSorted(ratios, 0.975)];
}

/** Runs `run` and adds its wall-clock time, in milliseconds, to `samples`. */
export async function timed<T>(samples: number[], run: () => Promise<T>): Promise<T> {
  const started = process.hrtime.bigint();
  const result = await run();
  samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  return result;
}

/** One line per figure, under a heading. */
export function report(heading: string, figures: Record<string, number[]>): string {
  const width = Math.max(...Object.keys(figures).map((name) => name.length)) + 1;
  return [
    heading,
    ...Object.entries(figures).map(
      ([name, samples]) => `  ${name.padEnd(width)} ${JSON.stringify(summary(samples))}`,
    ),
  ].join('\n');
}

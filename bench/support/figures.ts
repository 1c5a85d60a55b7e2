/** What the benchmarks print for a figure: how many samples, the median, the 95th percentile, the worst. */
export function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return {
    n: sorted.length,
    p50: at(0.5).toFixed(1),
    p95: at(0.95).toFixed(1),
    max: sorted[sorted.length - 1].toFixed(1),
  };
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

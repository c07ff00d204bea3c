/** Splits `items` into consecutive chunks of at most `size`, keeping order. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}

/**
 * Keeps the first ref for each key, in input order, so a duplicated id is asked once.
 */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const unique: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (!seen.has(k)) {
      seen.add(k);
      unique.push(item);
    }
  }
  return unique;
}

/**
 * Runs `task` over `inputs` with at most `concurrency` in flight, returning results
 * in input order. The first rejection rejects the whole run at once and stops
 * scheduling further tasks; tasks already in flight are left to settle (the caller
 * aborts them through its signal) and their outcomes are discarded. A task decides
 * what is fatal by throwing, and turns anything else into a result.
 */
export function mapWithConcurrency<I, O>(
  inputs: readonly I[],
  concurrency: number,
  task: (input: I, index: number) => Promise<O>,
): Promise<O[]> {
  return new Promise<O[]>((resolve, reject) => {
    const results = new Array<O>(inputs.length);
    let next = 0;
    let settled = 0;
    let failed = false;

    const launch = (): void => {
      if (failed || next >= inputs.length) return;
      const index = next++;
      Promise.resolve()
        .then(() => task(inputs[index] as I, index))
        .then(
          (result) => {
            if (failed) return;
            results[index] = result;
            settled++;
            if (settled === inputs.length) resolve(results);
            else launch();
          },
          (error: unknown) => {
            if (failed) return;
            failed = true;
            reject(error);
          },
        );
    };

    if (inputs.length === 0) {
      resolve(results);
      return;
    }
    for (let i = 0; i < Math.min(concurrency, inputs.length); i++) launch();
  });
}

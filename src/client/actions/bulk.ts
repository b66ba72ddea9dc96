import {isAbortError} from '../errors.js';

/** How one object fared in a bulk action. */
export interface BulkOutcome<T, R = unknown> {
  target: T;
  ok: boolean;
  result?: R;
  error?: Error;
}

/**
 * Runs `run` for every target, a few at a time, and reports each outcome instead of stopping at
 * the first failure, so a partly failed bulk action says which objects failed and why.
 */
export async function runForEach<T, R>(targets: readonly T[], run: (target: T) => Promise<R>, options: {concurrency?: number; signal?: AbortSignal} = {}): Promise<Array<BulkOutcome<T, R>>> {
  const outcomes: Array<BulkOutcome<T, R>> = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      const target = targets[index]!;
      options.signal?.throwIfAborted();
      try {
        outcomes[index] = {target, ok: true, result: await run(target)};
      } catch (error) {
        if (isAbortError(error)) throw error;
        outcomes[index] = {target, ok: false, error: error instanceof Error ? error : new Error(String(error))};
      }
    }
  };
  await Promise.all(Array.from({length: Math.min(options.concurrency ?? 4, targets.length)}, worker));
  return outcomes;
}

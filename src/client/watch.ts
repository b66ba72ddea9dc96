import type {WatchEvent} from './types.js';
import {KubeMalformedResponseError, isRecord} from './errors.js';
import {readLines} from './line-reader.js';

/**
 * Parses a watch response body (one JSON event per line) into events. A line that is not an event
 * (not JSON, no `type` or `object`) is passed to `onMalformed` and skipped; without it, it ends the
 * stream with a `KubeMalformedResponseError`.
 */
export async function* readWatchEvents<T>(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
  onMalformed?: (why: string) => void
): AsyncGenerator<WatchEvent<T>, void, undefined> {
  for await (const line of readLines(body, signal)) {
    if (!line.trim()) continue;
    let event: unknown;
    try {
      event = JSON.parse(line);
    } catch {
      event = undefined;
    }
    if (!isRecord(event) || typeof event.type !== 'string' || !isRecord(event.object)) {
      const why = event === undefined ? `Malformed watch event: not JSON (${line.length} bytes)` : 'Malformed watch event: missing type or object';
      if (!onMalformed) throw new KubeMalformedResponseError(200, why);
      onMalformed(why);
      continue;
    }
    yield event as unknown as WatchEvent<T>;
  }
}

import type {WatchEvent} from './types.js';
import {KubeNetworkError} from './errors.js';
import {readLines} from './line-reader.js';

/**
 * Parses a watch response body (one JSON event per line) into events. A line that is not a
 * valid event ends the stream with a `KubeNetworkError`: the caller reconnects.
 */
export async function* readWatchEvents<T>(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal
): AsyncGenerator<WatchEvent<T>, void, undefined> {
  for await (const line of readLines(body, signal)) {
    if (!line.trim()) continue;
    let event: WatchEvent<T>;
    try {
      event = JSON.parse(line) as WatchEvent<T>;
    } catch {
      throw new KubeNetworkError(`Malformed watch event (${line.length} bytes)`);
    }
    if (typeof event?.type !== 'string' || typeof event.object !== 'object' || event.object === null) {
      throw new KubeNetworkError('Malformed watch event: missing type or object');
    }
    yield event;
  }
}

/**
 * Reads a byte stream as lines, decoding UTF-8 incrementally: a multi-byte character split
 * between chunks decodes once both halves arrive, and only the newly received text is scanned
 * for newlines, so a long stream costs O(bytes), never a re-split of everything read so far.
 * A trailing `\r` is removed; a last line without `\n` is yielded when the stream ends.
 */
export async function* readLines(
  stream: ReadableStream<Uint8Array>,
  signal?: AbortSignal
): AsyncGenerator<string, void, undefined> {
  for await (const batch of readLineBatches(stream, signal)) yield* batch;
}

/**
 * The same lines, one array per chunk received: a consumer of a fast stream (a log viewer
 * taking 100,000 lines a second) pays one await per chunk instead of one per line.
 */
export async function* readLineBatches(
  stream: ReadableStream<Uint8Array>,
  signal?: AbortSignal
): AsyncGenerator<string[], void, undefined> {
  const reader = stream.getReader();
  const decoder = new TextDecoder('utf-8');
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, {once: true});
  let pending = '';
  try {
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      const text = decoder.decode(value, {stream: true});
      const batch: string[] = [];
      let start = 0;
      let newline = text.indexOf('\n');
      while (newline >= 0) {
        batch.push(trimCarriageReturn(pending + text.slice(start, newline)));
        pending = '';
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
      pending += text.slice(start);
      if (batch.length) yield batch;
    }
    pending += decoder.decode();
    if (pending) yield [trimCarriageReturn(pending)];
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
    await stream.cancel().catch(() => undefined);
  }
}

function trimCarriageReturn(line: string) {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

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
      let start = 0;
      let newline = text.indexOf('\n');
      while (newline >= 0) {
        yield trimCarriageReturn(pending + text.slice(start, newline));
        pending = '';
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
      pending += text.slice(start);
    }
    pending += decoder.decode();
    if (pending) yield trimCarriageReturn(pending);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
    await stream.cancel().catch(() => undefined);
  }
}

function trimCarriageReturn(line: string) {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

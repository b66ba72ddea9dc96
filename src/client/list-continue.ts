/**
 * Reading a paged list's `continue` token from the first bytes of a response, before the body
 * has arrived whole. Kubernetes writes a List's or a Table's `metadata` ahead of its `items`,
 * `rows` and `columnDefinitions`, so the token is usually in the first chunk: a client can ask
 * for the next page while this one is still arriving and being parsed.
 */

/** The top-level keys that follow `metadata`; a `"continue"` seen after one of them is not the list's. */
const AFTER_METADATA = ['"items"', '"rows"', '"columnDefinitions"'];
const CONTINUE = /"continue"\s*:\s*"((?:[^"\\]|\\.)*)"/;
/** Past this much text without a token, stop looking (the server writes metadata first, or not at all). */
export const MAX_HEAD = 64 * 1024;

/**
 * Finds the token in the start of a list's JSON text: the string, '' when the metadata is
 * complete without one (the last page), undefined when more text is needed to tell.
 */
export function continueInHead(head: string): string | undefined {
  let end = head.length;
  for (const key of AFTER_METADATA) {
    const at = head.indexOf(key);
    if (at >= 0 && at < end) end = at;
  }
  const found = CONTINUE.exec(end < head.length ? head.slice(0, end) : head);
  if (found) {
    try {
      return JSON.parse(`"${found[1]}"`) as string;
    } catch {
      return '';
    }
  }
  return end < head.length || head.length > MAX_HEAD ? '' : undefined;
}

/**
 * Reads a copy of a response body only as far as its `continue` token and calls `onToken` with
 * it (never with none). The copy is cancelled once the token is known or cannot be, which leaves
 * the original body to be read as usual.
 */
export async function peekContinue(body: ReadableStream<Uint8Array>, onToken: (token: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let head = '';
  let seen = 0;
  try {
    for (;;) {
      const {done, value} = await reader.read();
      if (done) return;
      // From a near server the first chunk can be the whole page (megabytes): only its head is text worth having.
      const wanted = Math.min(value.length, MAX_HEAD + 1 - seen);
      seen += wanted;
      head += decoder.decode(wanted < value.length ? value.subarray(0, wanted) : value, {stream: true});
      const token = continueInHead(head);
      if (token === undefined && seen <= MAX_HEAD) continue;
      if (token) onToken(token);
      return;
    }
  } catch {
    // The original body reports its own failure; a peek has nothing to add.
  } finally {
    void reader.cancel().catch(() => {});
  }
}

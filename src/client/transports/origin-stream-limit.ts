/**
 * Watches and followed logs one HTTP/1.1 origin can hold open: a browser opens six connections per
 * origin, and two stay free for lists, reviews and actions.
 */
export const HTTP1_STREAM_LIMIT = 4;

/**
 * The `streamLimit` of a fetch-based transport reaching `baseUrl`: unlimited once a response from
 * that origin is seen to have come over HTTP/2 or HTTP/3 (the page's Resource Timing entries say
 * which), `HTTP1_STREAM_LIMIT` until then, and outside a browser unlimited (Node's fetch has no
 * per-origin cap).
 */
export function originStreamLimit(baseUrl: string): () => number {
  if (typeof document === 'undefined' || typeof performance?.getEntriesByType !== 'function') return () => Infinity;
  let origin: string;
  try {
    origin = new URL(baseUrl || '/', document.baseURI).origin;
  } catch {
    return () => HTTP1_STREAM_LIMIT;
  }
  let known: number | undefined;
  return () => {
    if (known !== undefined) return known;
    // A cross-origin server without Timing-Allow-Origin reports no protocol: that stays unknown, and limited.
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
    for (const entry of entries) {
      if (!entry.nextHopProtocol || !entry.name.startsWith(`${origin}/`)) continue;
      known = entry.nextHopProtocol === 'h2' || entry.nextHopProtocol === 'h3' ? Infinity : HTTP1_STREAM_LIMIT;
      return known;
    }
    return HTTP1_STREAM_LIMIT;
  };
}

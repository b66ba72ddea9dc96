/** Aborts when either does; `AbortSignal.any` where the browser has it (Safari 17.4, Firefox 124, Chrome 116). */
export function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any([a, b]);
  const both = new AbortController();
  const abort = (from: AbortSignal) => () => both.abort(from.reason);
  if (a.aborted || b.aborted) both.abort((a.aborted ? a : b).reason);
  a.addEventListener('abort', abort(a), {once: true, signal: both.signal});
  b.addEventListener('abort', abort(b), {once: true, signal: both.signal});
  return both.signal;
}

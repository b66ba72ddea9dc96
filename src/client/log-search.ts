import type {LogBuffer} from './log-buffer.js';

export interface LogSearchOptions {
  /** Treat the query as a regular expression. */
  regex?: boolean;
  caseSensitive?: boolean;
}

/** A compiled query; `error` says why a regular expression is invalid. */
export interface LogMatcher {
  test(text: string): boolean;
  /** Match ranges in one line, for highlighting: [start, end) pairs. */
  ranges(text: string): Array<[number, number]>;
  readonly error?: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Compiles a search; an empty query matches nothing. */
export function compileSearch(query: string, options: LogSearchOptions = {}): LogMatcher {
  if (!query) return {test: () => false, ranges: () => []};
  let pattern: RegExp;
  try {
    pattern = new RegExp(options.regex ? query : escapeRegExp(query), options.caseSensitive ? 'g' : 'gi');
  } catch (error) {
    return {test: () => false, ranges: () => [], error: (error as Error).message};
  }
  const tester = new RegExp(pattern.source, pattern.flags.replace('g', ''));
  return {
    test: (text) => tester.test(text),
    ranges(text) {
      const found: Array<[number, number]> = [];
      pattern.lastIndex = 0;
      for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
        // An empty match (`a*`) must still advance, or the loop never ends.
        if (m[0] === '') {
          pattern.lastIndex++;
          continue;
        }
        found.push([m.index, m.index + m[0].length]);
      }
      return found;
    },
  };
}

/**
 * The `seq` numbers of the buffer's lines from `fromSeq` on that pass `keep` and `matcher`,
 * appended to `into` (so a filter extends with new lines instead of rescanning).
 */
export function searchLines(
  buffer: LogBuffer,
  matcher: LogMatcher | undefined,
  into: number[] = [],
  fromSeq = buffer.firstSeq,
  keep?: (seq: number) => boolean
): number[] {
  const end = buffer.total;
  for (let seq = Math.max(fromSeq, buffer.firstSeq); seq < end; seq++) {
    if (keep && !keep(seq)) continue;
    if (matcher && !matcher.test(buffer.text(seq))) continue;
    into.push(seq);
  }
  return into;
}

/** The first index of a sorted list whose value is at least `value`. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Removes from the front of a sorted seq list the lines the buffer has dropped; returns how many. */
export function trimDropped(seqs: number[], firstSeq: number): number {
  const dropped = lowerBound(seqs, firstSeq);
  if (dropped) seqs.splice(0, dropped);
  return dropped;
}

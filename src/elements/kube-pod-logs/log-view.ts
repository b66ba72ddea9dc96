import {html, nothing, type TemplateResult} from 'lit';
import {styleMap} from 'lit/directives/style-map.js';
import {paletteColor, type AnsiColor, type AnsiSegment} from '../../client/ansi.js';
import type {LogMatcher} from '../../client/log-search.js';

/** How timestamps are shown: not at all, in the reader's zone, or in UTC. */
export type TimestampMode = '' | 'local' | 'utc';

/** Colours 0–15 are themed tokens; the rest are fixed RGB. */
function cssColor(color: AnsiColor): string {
  if (typeof color === 'string') return color;
  return color < 16 ? `var(--_ansi-${color})` : paletteColor(color);
}

function segmentStyle(segment: AnsiSegment) {
  let fg = segment.fg;
  let bg = segment.bg;
  if (segment.inverse) [fg, bg] = [bg ?? 'var(--_bg)', fg ?? 'var(--_fg)'];
  const decorations = [segment.underline ? 'underline' : '', segment.strike ? 'line-through' : ''].filter(Boolean).join(' ');
  return {
    color: fg === undefined ? undefined : cssColor(fg),
    background: bg === undefined ? undefined : cssColor(bg),
    'font-weight': segment.bold ? '700' : undefined,
    'font-style': segment.italic ? 'italic' : undefined,
    opacity: segment.dim ? '0.7' : undefined,
    'text-decoration': decorations || undefined,
  };
}

/**
 * Splits styled segments at search-match boundaries so matches can be marked; every piece is
 * rendered through a text binding, so whatever a line contains stays text.
 */
export function renderText(segments: AnsiSegment[], matcher: LogMatcher | undefined, current: boolean): TemplateResult | typeof nothing {
  if (!segments.length) return nothing;
  const plain = segments.map((s) => s.text).join('');
  const ranges = matcher ? matcher.ranges(plain) : [];
  const pieces: TemplateResult[] = [];
  let offset = 0;
  let r = 0;
  for (const segment of segments) {
    const styled = segment.fg !== undefined || segment.bg !== undefined || segment.bold || segment.italic || segment.dim || segment.underline || segment.inverse || segment.strike;
    const style = styled ? styleMap(segmentStyle(segment)) : nothing;
    const end = offset + segment.text.length;
    let at = offset;
    while (at < end) {
      while (r < ranges.length && ranges[r]![1] <= at) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        pieces.push(html`<span style=${style}>${plain.slice(at, end)}</span>`);
        at = end;
      } else if (range[0] > at) {
        pieces.push(html`<span style=${style}>${plain.slice(at, range[0])}</span>`);
        at = range[0];
      } else {
        const stop = Math.min(end, range[1]);
        pieces.push(html`<mark part=${current ? 'match current-match' : 'match'} style=${style}>${plain.slice(at, stop)}</mark>`);
        at = stop;
      }
    }
    offset = end;
  }
  return html`${pieces}`;
}

/** A JSON object or array line, indented; undefined when the line isn't JSON. */
export function prettyJson(text: string): string | undefined {
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') && trimmed.endsWith('}')) && !(trimmed.startsWith('[') && trimmed.endsWith(']'))) return undefined;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return undefined;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A line's time as the reader asked: local wall-clock time with milliseconds, or ISO 8601 in UTC. */
export function formatTime(ms: number, mode: TimestampMode, locale: string): string {
  if (!mode || Number.isNaN(ms)) return '';
  if (mode === 'utc') return new Date(ms).toISOString();
  let format = formatters.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hour12: false});
    formatters.set(locale, format);
  }
  return format.format(ms);
}

/** Eight source colours, cycled; the themed ANSI palette keeps them readable in light and dark. */
export const SOURCE_COLORS = 8;

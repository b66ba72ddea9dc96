/**
 * ANSI SGR (colour and style) parsing for log lines. Produces plain-text segments with styles;
 * it never produces markup, and every other escape sequence (cursor moves, titles, hyperlinks)
 * is removed rather than interpreted.
 */

/** A colour: 0–255 from the xterm palette, or `#rrggbb` from a 24-bit sequence. */
export type AnsiColor = number | string;

export interface AnsiStyle {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export interface AnsiSegment extends AnsiStyle {
  text: string;
}

/** ESC, C1 CSI and every other control character but tab and newline: what a line may not show as is. */
const SPECIAL = /[\u0000-\u0008\u000b-\u001f\u007f\u009b]/g;

/** The end (exclusive) of the escape sequence starting at `i` (ESC or C1 CSI). */
function sequenceEnd(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  const csi = text.charCodeAt(i) === 0x9b;
  const kind = csi ? 0x5b : text.charCodeAt(j);
  if (!csi) j++;
  if (kind === 0x5b /* [ */) {
    while (j < n) {
      const c = text.charCodeAt(j++);
      if (c >= 0x40 && c <= 0x7e) return j;
      if (c < 0x20 || c > 0x3f) return j - 1;
    }
    return n;
  }
  if (kind === 0x5d /* ] */ || kind === 0x50 /* P */ || kind === 0x5e /* ^ */ || kind === 0x5f /* _ */) {
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 0x07) return j + 1;
      if (c === 0x1b) return text.charCodeAt(j + 1) === 0x5c ? j + 2 : j;
      j++;
    }
    return n;
  }
  j = i + 1;
  while (j < n && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
  return j < n && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x7e ? j + 1 : j;
}

/** A line as kept: its text without escapes, and its styles as runs (see `encodeAnsi`). */
export interface EncodedLine {
  /** A string of its own, never a slice of the line given (see `ownCopy`). */
  plain: string;
  /** '' when the whole line is unstyled; otherwise triples of char codes (style id, offset low 16 bits, offset high bits). */
  runs: string;
}

const STYLE_KEYS = ['fg', 'bg', 'bold', 'dim', 'italic', 'underline', 'inverse', 'strike'] as const;

/** Interned styles; runs name them by index. 0 is no style. */
const styles: AnsiStyle[] = [{}];
const styleIds = new Map<string, number>([['{}', 0]]);
/** Per style, the style each SGR parameter list leads to (keyed as `paramsKey` says; unsafe parameters lead nowhere). */
const transitions: Array<Map<number | string, number>> = [new Map()];
/** Run triples hold a style id in one char; past that many distinct styles, the rest show unstyled. */
const MAX_STYLES = 0xffff;
/**
 * Past this many styles, 24-bit colours are taken to the nearest of the 256-colour palette, so a
 * page that has shown a true-colour rainbow still colours the next log rather than filling the table.
 */
const EXACT_STYLES = 4096;
/** Bounds the caches below against hostile streams (endless 24-bit colours). */
const MAX_CACHED = 50_000;
let transitionCount = 0;
const SGR_PARAMS = /^[0-9;:]*$/;

/** The id of a style, interned on first sight (0, unstyled, once the table is full). */
function styleId(style: AnsiStyle): number {
  const clean: AnsiStyle = {};
  const approximate = styles.length >= EXACT_STYLES;
  for (const key of STYLE_KEYS) {
    const value = style[key];
    if (value !== undefined) (clean as Record<string, unknown>)[key] = approximate && typeof value === 'string' ? nearestPaletteColor(value) : value;
  }
  const key = JSON.stringify(clean);
  let id = styleIds.get(key);
  if (id === undefined) {
    if (styles.length >= MAX_STYLES) return 0;
    id = styles.push(clean) - 1;
    styleIds.set(key, id);
    transitions.push(new Map());
  }
  return id;
}

/**
 * A short SGR parameter list (`32`, `1;31`, '') as a number, so the common case looks up its
 * transition without making a string; -1 for anything longer or not digits and separators.
 */
function paramsKey(text: string, start: number, end: number): number {
  if (end - start > 8) return -1;
  let key = 1;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c === 0x3b ? 10 : c === 0x3a ? 11 : -1;
    if (digit < 0) return -1;
    key = key * 12 + digit;
  }
  return key;
}

/** The style the SGR sequence `text[start, end)` leads to from style `id`; cached, since a log repeats a few. */
function nextStyle(id: number, text: string, start: number, end: number): number {
  const short = paramsKey(text, start, end);
  const key = short >= 0 ? short : text.slice(start, end);
  const known = transitions[id]!.get(key);
  if (known !== undefined) return known;
  const params = text.slice(start, end);
  const next = SGR_PARAMS.test(params) ? styleId(applySgr(styles[id]!, params)) : id;
  if (transitionCount < MAX_CACHED) {
    transitions[id]!.set(key, next);
    transitionCount++;
  }
  return next;
}

/** Run strings repeat from line to line (a log's INFO is always green): one string each, found by a number when small. */
const runStrings = new Map<number, string>();

function runString(n: number): string {
  if (n === 0) return '';
  let key = -1;
  if (n <= 6 && runs[0]! < 256 && runs[1]! < 4096 && runs[2] === 0 && (n === 3 || (runs[3]! < 256 && runs[4]! < 4096 && runs[5] === 0))) {
    key = n === 3 ? runs[0]! * 4096 + runs[1]! : ((runs[0]! * 4096 + runs[1]!) * 256 + runs[3]!) * 4096 + runs[4]! + 2 ** 20;
    const known = runStrings.get(key);
    if (known !== undefined) return known;
  }
  // In slices: a line of tens of thousands of style changes would overflow the argument list.
  let made = '';
  for (let at = 0; at < n; at += 8190) made += String.fromCharCode(...runs.slice(at, Math.min(n, at + 8190)));
  if (key >= 0) {
    if (runStrings.size >= MAX_CACHED) runStrings.clear();
    runStrings.set(key, made);
  }
  return made;
}

/**
 * A copy holding only its own characters. A line read from a stream is a slice of the chunk it
 * arrived in; kept as is, it would keep the whole chunk (timestamps, escapes, lines long dropped)
 * alive for as long as the line is held. Joining two parts builds a new flat string.
 */
function ownCopy(text: string): string {
  return text.length < 2 ? text : join2(text.slice(0, 1), text.slice(1));
}

/** Two strings joined into a new flat one; the array is reused, so only the result is allocated. */
const PAIR = ['', ''];
function join2(a: string, b: string): string {
  PAIR[0] = a;
  PAIR[1] = b;
  const joined = PAIR.join('');
  PAIR[0] = PAIR[1] = '';
  return joined;
}

/** Reused between calls and filled up to a count: encoding allocates only what it returns. */
const pieces: string[] = [];
const runs: number[] = [];

/**
 * Splits a line into its text without escapes or stray control characters — what search,
 * severity and downloads read — and the SGR styles over that text as compact runs, so a line is
 * parsed once, when it arrives, and never again. Every escape other than SGR (cursor moves,
 * titles, hyperlinks) is removed, never interpreted; nothing here produces markup.
 */
export function encodeAnsi(text: string): EncodedLine {
  // `test` on a global pattern finds the next special character without allocating a match.
  SPECIAL.lastIndex = 0;
  if (!SPECIAL.test(text)) return {plain: ownCopy(text), runs: ''};
  let i = SPECIAL.lastIndex - 1;
  let pieceCount = 0;
  let runCount = 0;
  let length = 0;
  let style = 0;
  let last = 0;
  while (i >= 0) {
    if (i > last) {
      pieces[pieceCount++] = text.slice(last, i);
      length += i - last;
    }
    const c = text.charCodeAt(i);
    // A stray control character goes; an escape sequence goes whole, and an SGR one changes the style.
    last = c === 0x1b || c === 0x9b ? sequenceEnd(text, i) : i + 1;
    const start = i + (c === 0x9b ? 1 : 2);
    const sgr = text.charCodeAt(last - 1) === 0x6d /* m */ && last > start && (c === 0x9b || text.charCodeAt(i + 1) === 0x5b /* [ */);
    SPECIAL.lastIndex = last;
    i = SPECIAL.test(text) ? SPECIAL.lastIndex - 1 : -1;
    if (!sgr) continue;
    const next = nextStyle(style, text, start, last - 1);
    if (next === style) continue;
    style = next;
    // A second change at the same offset replaces the first; a change back to the style before it cancels both.
    if (runCount && runs[runCount - 2]! + runs[runCount - 1]! * 0x10000 === length) {
      runCount -= 3;
      if ((runCount ? runs[runCount - 3]! : 0) === style) continue;
    }
    runs[runCount++] = style;
    runs[runCount++] = length & 0xffff;
    runs[runCount++] = length >>> 16;
  }
  if (last < text.length) pieces[pieceCount++] = text.slice(last);
  const plain = pieceCount === 0 ? '' : pieceCount === 1 ? ownCopy(pieces[0]!) : pieceCount === 2 ? join2(pieces[0]!, pieces[1]!) : pieces.slice(0, pieceCount).join('');
  pieces.fill('', 0, pieceCount);
  return {plain, runs: runString(runCount)};
}

/** The styled segments of an encoded line; adjacent text with equal style is one segment. */
export function decodeAnsi({plain, runs}: EncodedLine): AnsiSegment[] {
  if (!plain) return [];
  if (!runs) return [{text: plain}];
  const segments: AnsiSegment[] = [];
  let style = 0;
  let at = 0;
  for (let r = 0; r <= runs.length; r += 3) {
    const end = r < runs.length ? runs.charCodeAt(r + 1) + runs.charCodeAt(r + 2) * 0x10000 : plain.length;
    if (end > at) {
      segments.push({...styles[style], text: plain.slice(at, end)});
      at = end;
    }
    if (r < runs.length) style = runs.charCodeAt(r);
  }
  return segments;
}

/** The text with every escape sequence and stray control character removed. */
export function stripAnsi(text: string): string {
  return encodeAnsi(text).plain;
}

function rgb(r: number, g: number, b: number) {
  const hex = (v: number) => Math.max(0, Math.min(255, v | 0)).toString(16).padStart(2, '0');
  return `#${hex(r)}${hex(g)}${hex(b)}`;
}

/** Applies one SGR parameter list (`1;31`, `38;5;208`, `38;2;1;2;3`) to a style. */
function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let next: AnsiStyle = {...style};
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i]!;
    if (code === 0) next = {};
    else if (code === 1) next.bold = true;
    else if (code === 2) next.dim = true;
    else if (code === 3) next.italic = true;
    else if (code === 4) next.underline = true;
    else if (code === 7) next.inverse = true;
    else if (code === 9) next.strike = true;
    else if (code === 22) next.bold = next.dim = undefined;
    else if (code === 23) next.italic = undefined;
    else if (code === 24) next.underline = undefined;
    else if (code === 27) next.inverse = undefined;
    else if (code === 29) next.strike = undefined;
    else if (code >= 30 && code <= 37) next.fg = code - 30;
    else if (code === 39) next.fg = undefined;
    else if (code >= 40 && code <= 47) next.bg = code - 40;
    else if (code === 49) next.bg = undefined;
    else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
    else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
    else if (code === 38 || code === 48) {
      const mode = codes[i + 1];
      let color: AnsiColor | undefined;
      if (mode === 5 && codes[i + 2] !== undefined) {
        color = Math.max(0, Math.min(255, codes[i + 2]!));
        i += 2;
      } else if (mode === 2 && codes[i + 4] !== undefined) {
        color = rgb(codes[i + 2]!, codes[i + 3]!, codes[i + 4]!);
        i += 4;
      } else {
        i = codes.length;
      }
      if (color !== undefined) {
        if (code === 38) next.fg = color;
        else next.bg = color;
      }
    }
  }
  return next;
}

/** Splits a line into styled plain-text segments; adjacent text with equal style is one segment. */
export function parseAnsi(text: string): AnsiSegment[] {
  return decodeAnsi(encodeAnsi(text));
}

const CUBE = [0, 95, 135, 175, 215, 255];

/** The palette index (16–255) nearest a `#rrggbb` colour: the 6×6×6 cube, or the grey ramp for greys. */
export function nearestPaletteColor(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) || 0) as [number, number, number];
  const level = (v: number) => (v < 48 ? 0 : v < 115 ? 1 : Math.min(5, Math.floor((v - 35) / 40)));
  const cube = 16 + 36 * level(r) + 6 * level(g) + level(b);
  const mean = (r + g + b) / 3;
  const grey = 232 + Math.max(0, Math.min(23, Math.round((mean - 8) / 10)));
  const distance = (index: number) => {
    const [pr, pg, pb] = [1, 3, 5].map((at) => parseInt(paletteColor(index).slice(at, at + 2), 16)) as [number, number, number];
    return (pr - r) ** 2 + (pg - g) ** 2 + (pb - b) ** 2;
  };
  return distance(grey) < distance(cube) ? grey : cube;
}

/** A palette index 16–255 as `#rrggbb` (the 6×6×6 cube and the grey ramp); 0–15 are themed by CSS. */
export function paletteColor(index: number): string {
  if (index >= 232) {
    const v = 8 + (index - 232) * 10;
    return rgb(v, v, v);
  }
  const i = index - 16;
  return rgb(CUBE[Math.floor(i / 36) % 6]!, CUBE[Math.floor(i / 6) % 6]!, CUBE[i % 6]!);
}

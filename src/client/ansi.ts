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

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), other two-byte escapes, and C1 CSI (0x9b).
const ESCAPE = /\u001b\[([0-?]*)[ -/]*([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[P^_][^\u001b]*(?:\u001b\\)?|\u001b[ -/]*[0-~]?|\u009b[0-?]*[ -/]*[@-~]/g;
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const CONTROL_TEST = /[\u0000-\u0008\u000b-\u001f\u007f]/;

export function hasEscape(text: string): boolean {
  return text.indexOf('\u001b') >= 0 || text.indexOf('\u009b') >= 0;
}

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

/** The text with every escape sequence and stray control character removed. Runs for every searched line, so it scans by hand. */
export function stripAnsi(text: string): string {
  let out = '';
  let last = 0;
  let i = text.indexOf('\u001b');
  const c1 = text.indexOf('\u009b');
  if (i < 0 || (c1 >= 0 && c1 < i)) i = c1;
  while (i >= 0) {
    out += text.slice(last, i);
    last = sequenceEnd(text, i);
    const esc = text.indexOf('\u001b', last);
    const csi = text.indexOf('\u009b', last);
    i = esc < 0 ? csi : csi < 0 ? esc : Math.min(esc, csi);
  }
  out = last ? out + text.slice(last) : text;
  return CONTROL_TEST.test(out) ? out.replace(CONTROL, '') : out;
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
  if (!hasEscape(text)) return text ? [{text: text.replace(CONTROL, '')}] : [];
  const segments: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  const push = (chunk: string) => {
    const clean = chunk.replace(CONTROL, '');
    if (!clean) return;
    const last = segments[segments.length - 1];
    if (last && sameStyle(last, style)) last.text += clean;
    else segments.push({...style, text: clean});
  };
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(text); m; m = ESCAPE.exec(text)) {
    push(text.slice(last, m.index));
    last = ESCAPE.lastIndex;
    if (m[2] === 'm' && m[0].startsWith('\u001b[')) style = applySgr(style, m[1]!);
  }
  push(text.slice(last));
  return segments;
}

const STYLE_KEYS = ['fg', 'bg', 'bold', 'dim', 'italic', 'underline', 'inverse', 'strike'] as const;

function sameStyle(a: AnsiStyle, b: AnsiStyle) {
  return STYLE_KEYS.every((key) => a[key] === b[key]);
}

const CUBE = [0, 95, 135, 175, 215, 255];

/** A palette index 16–255 as `#rrggbb` (the 6×6×6 cube and the grey ramp); 0–15 are themed by CSS. */
export function paletteColor(index: number): string {
  if (index >= 232) {
    const v = 8 + (index - 232) * 10;
    return rgb(v, v, v);
  }
  const i = index - 16;
  return rgb(CUBE[Math.floor(i / 36) % 6]!, CUBE[Math.floor(i / 6) % 6]!, CUBE[i % 6]!);
}

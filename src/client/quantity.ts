import {numberFormat} from './intl.js';

/**
 * Kubernetes resource quantities (`100m`, `1.5`, `128Mi`, `2G`, `1e3`) as plain numbers:
 * cores for CPU, bytes for memory. Exact enough for display, sorting and comparison.
 */
const SUFFIXES: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

// One way to read each digit (`\d+\.?\d*` had two, and took quadratic time on a long run of digits).
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?)$/;

/** Longer text is no quantity (a table cell may hold anything): it isn't scanned. */
const MAX_QUANTITY_LENGTH = 64;

/** Parses a quantity; throws a `RangeError` naming the bad input. */
export function parseQuantity(text: string | number): number {
  if (typeof text === 'number') return text;
  const trimmed = text.trim();
  const match = trimmed.length > MAX_QUANTITY_LENGTH ? null : QUANTITY.exec(trimmed);
  if (!match) throw new RangeError(`Not a Kubernetes quantity: "${text.length > MAX_QUANTITY_LENGTH ? `${text.slice(0, MAX_QUANTITY_LENGTH)}…` : text}"`);
  const [, number, exponent, suffix = ''] = match;
  const value = Number(number);
  return exponent ? value * 10 ** Number(exponent.slice(1)) : value * SUFFIXES[suffix]!;
}

/** Parses a quantity, or returns undefined for anything that isn't one. */
export function tryParseQuantity(text: unknown): number | undefined {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string' || !text) return undefined;
  try {
    return parseQuantity(text);
  } catch {
    return undefined;
  }
}

export function compareQuantities(a: string | number, b: string | number): number {
  return Math.sign(parseQuantity(a) - parseQuantity(b));
}

/** CPU in cores → `250m` below one core, `1.5` above (Intl-formatted for the locale). */
export function formatCpu(cores: number, locale?: string): string {
  if (cores !== 0 && Math.abs(cores) < 1) {
    return `${numberFormat(locale, {maximumFractionDigits: 0}).format(cores * 1000)}m`;
  }
  return numberFormat(locale, {maximumFractionDigits: 2}).format(cores);
}

const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Bytes → `128 MiB`, `1.5 GiB` (binary units, as Kubernetes requests are usually written). */
export function formatBytes(bytes: number, locale?: string): string {
  let unit = 0;
  let value = bytes;
  while (Math.abs(value) >= 1024 && unit < BINARY_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || Math.abs(value) >= 100 ? 0 : 1;
  return `${numberFormat(locale, {maximumFractionDigits: digits}).format(value)} ${BINARY_UNITS[unit]}`;
}

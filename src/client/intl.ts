/**
 * Shared `Intl` formatters. Building one costs far more than using it, and lists format on every
 * frame, so each (locale, options) pair is built once.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const relativeTimeFormats = new Map<string, Intl.RelativeTimeFormat>();
const collators = new Map<string, Intl.Collator>();

export function numberFormat(locale?: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  // Counts format with no options on every render: their key is built without serializing anything.
  const key = options ? `${locale ?? ''}|${JSON.stringify(options)}` : locale ?? '';
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

export function relativeTimeFormat(locale?: string): Intl.RelativeTimeFormat {
  const key = locale ?? '';
  let format = relativeTimeFormats.get(key);
  if (!format) relativeTimeFormats.set(key, (format = new Intl.RelativeTimeFormat(locale, {numeric: 'auto'})));
  return format;
}

/**
 * Whether a page's locale is plain English — `en` or `en-US`, as written in `lang` — which every
 * ICU build carries and formats with the root's digits and `,` grouping. For those, counts and
 * name order need no `Intl` object at all: the first one a page builds costs 20–50 ms of ICU
 * loading, which a list would otherwise pay on its first page.
 */
export function isPlainEnglish(locale: string | undefined): boolean {
  return locale !== undefined && PLAIN_ENGLISH.test(locale);
}
const PLAIN_ENGLISH = /^en(-us)?$/i;

/** A whole count (`10,000`) as `numberFormat(locale)` formats it, without building one for plain English. */
export function formatCount(count: number, locale?: string): string {
  if (isPlainEnglish(locale) && Number.isSafeInteger(count) && count >= 0) return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
  return numberFormat(locale).format(count);
}

/** The collator lists sort names by: `pod-2` before `pod-10`, case and accents ignored. */
export function sortCollator(locale?: string): Intl.Collator {
  const key = locale ?? '';
  let collator = collators.get(key);
  if (!collator) collators.set(key, (collator = new Intl.Collator(locale, {numeric: true, sensitivity: 'base'})));
  return collator;
}

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

/** The collator lists sort names by: `pod-2` before `pod-10`, case and accents ignored. */
export function sortCollator(locale?: string): Intl.Collator {
  const key = locale ?? '';
  let collator = collators.get(key);
  if (!collator) collators.set(key, (collator = new Intl.Collator(locale, {numeric: true, sensitivity: 'base'})));
  return collator;
}

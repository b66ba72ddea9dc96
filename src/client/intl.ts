/**
 * Shared `Intl` formatters. Building one costs far more than using it, and lists format on every
 * frame, so each (locale, options) pair is built once.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const relativeTimeFormats = new Map<string, Intl.RelativeTimeFormat>();

export function numberFormat(locale?: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
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

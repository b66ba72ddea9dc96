/**
 * The order `sortCollator` gives, computed directly for plain strings — ASCII letters, digits and
 * the punctuation of Kubernetes names and values (`_ - : . /`). Sorting 30,000 pod names through
 * `Intl.Collator` costs hundreds of thousands of ICU calls, and building the first collator in a
 * page tens of milliseconds; names are nearly always plain, so lists compare them here and keep
 * the collator for everything else. The two agree on every pair of plain strings (tested against
 * ICU), so mixing them keeps one consistent order.
 */
import {numberFormat} from './intl.js';

const PLAIN = /^[A-Za-z0-9_\-:./]*$/;
/** ICU compares digit runs of more than 254 digits in pieces; those go to the collator. */
const LONG_NUMBER = /\d{255}/;

/** Whether `comparePlain` orders this string as the collator would. */
export function isPlain(text: string): boolean {
  return PLAIN.test(text) && !LONG_NUMBER.test(text);
}

/** Languages whose collation orders plain strings as the root collation does (no tailoring of ASCII letters). */
const ROOT_ORDERED = new Set(['en', 'de', 'fr', 'it', 'pt', 'nl', 'es', 'ja', 'zh', 'ko', 'ru', 'uk', 'pl']);

/** Language, optional script and region: no variant (`en-US-posix` sorts by code point) and no extension (`-u-co-…`). */
const SIMPLE_TAG = /^([a-z]{2,3})(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|\d{3}))?$/;
/** The same, as a page may write it (`de-ch`); what `Intl` resolves it to drops extensions it has no use for. */
const GIVEN_TAG = /^[a-z]{2,3}(-[a-z]{4})?(-(?:[a-z]{2}|\d{3}))?$/i;

/**
 * Whether plain strings may be compared directly in a locale, as `Intl` resolves it (no locale:
 * the browser's default, which need not be `navigator.language`). Danish sorts `aa` after `z`,
 * Czech `ch` after `h`, Turkish folds `I` apart from `i`: those locales, variants and any chosen
 * collation go through the collator.
 */
export function plainOrderApplies(locale: string | undefined): boolean {
  const resolved = numberFormat(locale).resolvedOptions().locale;
  const match = SIMPLE_TAG.exec(resolved);
  return !!match && ROOT_ORDERED.has(match[1]!) && (locale === undefined || GIVEN_TAG.test(locale));
}

/** Collation rank of a plain non-digit character: punctuation, then digits (5), then letters, case ignored. */
const RANK = new Int8Array(128).fill(-1);
'_-:./'.split('').forEach((c, i) => (RANK[c.charCodeAt(0)] = i));
for (let c = 0; c < 26; c++) RANK[0x61 + c] = RANK[0x41 + c] = 6 + c;

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * Compares two plain strings as `Intl.Collator(locale, {numeric: true, sensitivity: 'base'})`
 * does in a root-ordered locale: digit runs by value (leading zeros ignored), letters without
 * case, punctuation before digits before letters, a prefix first.
 */
export function comparePlain(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      while (a.charCodeAt(i) === 0x30) i++;
      while (b.charCodeAt(j) === 0x30) j++;
      let ei = i;
      let ej = j;
      while (isDigit(a.charCodeAt(ei))) ei++;
      while (isDigit(b.charCodeAt(ej))) ej++;
      if (ei - i !== ej - j) return ei - i < ej - j ? -1 : 1;
      for (; i < ei; i++, j++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(j);
        if (x !== y) return x < y ? -1 : 1;
      }
      continue;
    }
    const ra = isDigit(ca) ? 5 : RANK[ca]!;
    const rb = isDigit(cb) ? 5 : RANK[cb]!;
    if (ra !== rb) return ra < rb ? -1 : 1;
    i++;
    j++;
  }
  return (i < a.length ? 1 : 0) - (j < b.length ? 1 : 0);
}

/**
 * The order `sortCollator` gives, as sort keys for plain strings — ASCII letters, digits and the
 * punctuation of Kubernetes names and values (`_ - : . /`). Sorting 30,000 pod names through
 * `Intl.Collator` costs hundreds of thousands of ICU calls, and building the first collator in a
 * page tens of milliseconds; names are nearly always plain, so lists compare their keys with `<`
 * and keep the collator for everything else. Key order and the collator agree on every pair of
 * plain strings (tested against ICU), so mixing them keeps one consistent order.
 */
import {isPlainEnglish, numberFormat} from './intl.js';

/** ICU compares digit runs of more than 254 digits in pieces; those go to the collator. */
const LONGEST_DIGIT_RUN = 254;

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
  // English is in every ICU build, so Intl would resolve it to itself: no need to build a formatter to ask.
  if (isPlainEnglish(locale)) return true;
  const resolved = numberFormat(locale).resolvedOptions().locale;
  const match = SIMPLE_TAG.exec(resolved);
  return !!match && ROOT_ORDERED.has(match[1]!) && (locale === undefined || GIVEN_TAG.test(locale));
}

/** What a plain character becomes in a key: punctuation \x01–\x05, a letter its lower case; 0 for any other. */
const KEY_CHAR = new Uint8Array(128);
'_-:./'.split('').forEach((c, i) => (KEY_CHAR[c.charCodeAt(0)] = i + 1));
for (let c = 0; c < 26; c++) KEY_CHAR[0x61 + c] = KEY_CHAR[0x41 + c] = 0x61 + c;
const DIGIT_RUN = '\x06';

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/**
 * A key whose code-unit order (`<`) is the collator's order (`numeric: true, sensitivity: 'base'`,
 * in a locale where `plainOrderApplies`), or undefined for a string that isn't plain. Punctuation
 * becomes \x01–\x05, a letter its lower case, a digit run \x06, its length + 1 (leading zeros
 * dropped) and its digits — so punctuation < digits < letters, a shorter number first, a prefix
 * first. No other character becomes \x00: with `parts`, the text is parts joined by \x00 (name,
 * namespace), kept as they are, so the parts compare one after the other.
 */
export function plainSortKey(text: string, parts = false): string | undefined {
  const kept = parts ? 0 : -1;
  let key = '';
  // Lower-case letters stay as they are: copied in slices, not one by one.
  let copied = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || c === kept) {
      i++;
      continue;
    }
    if (isDigit(c)) {
      const start = i;
      while (text.charCodeAt(i) === 0x30) i++;
      const digits = i;
      while (isDigit(text.charCodeAt(i))) i++;
      if (i - start > LONGEST_DIGIT_RUN) return undefined;
      key += text.slice(copied, start) + DIGIT_RUN + String.fromCharCode(i - digits + 1) + text.slice(digits, i);
      copied = i;
      continue;
    }
    const mapped = c < 128 ? KEY_CHAR[c]! : 0;
    if (!mapped) return undefined;
    key += text.slice(copied, i) + String.fromCharCode(mapped);
    copied = ++i;
  }
  return copied ? key + text.slice(copied) : text;
}

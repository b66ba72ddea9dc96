import {expect} from '@open-wc/testing';
import {plainOrderApplies, plainSortKey} from '../../src/client/plain-order.js';

/** A deterministic pseudo-random sequence, so a failure names the same pairs on every run. */
function random(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const ALPHABET = 'aAbBzZyY0123456789_-:./';

function plainString(next: () => number) {
  const length = Math.floor(next() * 10);
  let text = '';
  for (let i = 0; i < length; i++) {
    const r = next();
    // Zeros and digit runs often, as in pod names and versions.
    text += r < 0.3 ? String(Math.floor(next() * 1000)) : r < 0.4 ? '0' : ALPHABET[Math.floor(next() * ALPHABET.length)];
  }
  return text;
}

/** Key order, as a comparator. */
function byKey(a: string, b: string) {
  const [x, y] = [plainSortKey(a)!, plainSortKey(b)!];
  return x < y ? -1 : x > y ? 1 : 0;
}

describe('plain order', () => {
  it('gives keys that order plain strings exactly as the sort collator does, in every locale it applies to', () => {
    for (const locale of ['en', 'de-CH', 'fr', 'it', 'pt-BR', 'nl', 'es', 'ja', 'zh-Hans', 'ko', 'ru', 'uk', 'pl']) {
      expect(plainOrderApplies(locale), locale).to.equal(true);
      const collator = new Intl.Collator(locale, {numeric: true, sensitivity: 'base'});
      const next = random(locale.length * 7919);
      for (let n = 0; n < 4000; n++) {
        const a = plainString(next);
        // Leading zeros, and prefixes, often.
        const b = n % 5 === 0 ? a.replace(/\d+/, (d) => `0${d}`) : n % 7 === 0 ? a + plainString(next) : plainString(next);
        const expected = Math.sign(collator.compare(a, b));
        if (byKey(a, b) !== expected) expect.fail(`${locale}: ${JSON.stringify(a)} vs ${JSON.stringify(b)} should be ${expected}`);
      }
    }
    const collator = new Intl.Collator('en', {numeric: true, sensitivity: 'base'});
    const long = `v${'9'.repeat(254)}`;
    const shorter = `v1${'0'.repeat(200)}`;
    expect(byKey(long, shorter), 'the longest digit run a plain string has').to.equal(Math.sign(collator.compare(long, shorter)));
  });

  it('sorts names the way people read them', () => {
    const names = ['web-10', 'web-9', 'Web-1', 'web-1a', 'web', 'web.x', 'web-01', 'api_2', 'api-2'];
    expect([...names].sort(byKey)).to.deep.equal(['api_2', 'api-2', 'web', 'Web-1', 'web-01', 'web-1a', 'web-9', 'web-10', 'web.x']);
  });

  it('keys joined parts (name, namespace) part by part', () => {
    const tie = (name: string, namespace: string) => plainSortKey(`${name}\u0000${namespace}`, true)!;
    expect(tie('web', 'zeta') < tie('web-2', 'alpha'), 'a name that is a prefix first').to.equal(true);
    expect(tie('web-2', 'b') < tie('web-10', 'a'), 'by number within the name').to.equal(true);
    expect(tie('web', 'dev-2') < tie('web', 'dev-10'), 'then by namespace').to.equal(true);
    expect(plainSortKey('web\u0000prod'), 'a lone \\0 is not plain').to.equal(undefined);
  });

  it('leaves tailored locales, chosen collations and anything not plain to the collator', () => {
    for (const locale of ['da', 'cs', 'tr', 'hu', 'lt', 'de-u-co-phonebk', 'es-u-co-trad', 'en-US-posix']) expect(plainOrderApplies(locale), locale).to.equal(false);
    expect(plainOrderApplies(undefined), 'the default as Intl resolves it (en-US here)').to.equal(true);
    expect(plainOrderApplies('en-US'), 'plain English, decided without Intl').to.equal(true);
    expect(plainSortKey(`v${'1'.repeat(255)}`), 'ICU compares digit runs over 254 digits in pieces').to.equal(undefined);
    expect(plainSortKey(`v${'0'.repeat(250)}${'1'.repeat(5)}`), 'leading zeros count').to.equal(undefined);
    expect(new Intl.Collator('da', {numeric: true, sensitivity: 'base'}).compare('aa', 'z'), 'why: Danish sorts aa last').to.equal(1);
    expect(plainSortKey('web-7d9f-x.y:z/1_2')).to.be.a('string');
    expect(plainSortKey('pods'), 'lower-case letters are their own key').to.equal('pods');
    for (const text of ['café', 'a b', 'ä', 'ﬁ', '١٢', 'a\u0000b']) expect(plainSortKey(text), text).to.equal(undefined);
  });
});

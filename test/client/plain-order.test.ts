import {expect} from '@open-wc/testing';
import {comparePlain, isPlain, plainOrderApplies} from '../../src/client/plain-order.js';

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

describe('plain order', () => {
  it('orders plain strings exactly as the sort collator does, in every locale it applies to', () => {
    for (const locale of ['en', 'de-CH', 'fr', 'it', 'pt-BR', 'nl', 'es', 'ja', 'zh-Hans', 'ko', 'ru', 'uk', 'pl']) {
      expect(plainOrderApplies(locale), locale).to.equal(true);
      const collator = new Intl.Collator(locale, {numeric: true, sensitivity: 'base'});
      const next = random(locale.length * 7919);
      for (let n = 0; n < 4000; n++) {
        const a = plainString(next);
        const b = n % 5 === 0 ? a.replace(/\d+/, (d) => `0${d}`) : plainString(next);
        const expected = Math.sign(collator.compare(a, b));
        if (Math.sign(comparePlain(a, b)) !== expected) expect.fail(`${locale}: ${JSON.stringify(a)} vs ${JSON.stringify(b)} should be ${expected}`);
      }
    }
  });

  it('sorts names the way people read them', () => {
    const names = ['web-10', 'web-9', 'Web-1', 'web-1a', 'web', 'web.x', 'web-01', 'api_2', 'api-2'];
    expect([...names].sort(comparePlain)).to.deep.equal(['api_2', 'api-2', 'web', 'Web-1', 'web-01', 'web-1a', 'web-9', 'web-10', 'web.x']);
  });

  it('leaves tailored locales, chosen collations and anything not plain to the collator', () => {
    for (const locale of ['da', 'cs', 'tr', 'hu', 'lt', 'de-u-co-phonebk', 'es-u-co-trad', 'en-US-posix']) expect(plainOrderApplies(locale), locale).to.equal(false);
    expect(plainOrderApplies(undefined), 'the default as Intl resolves it (en-US here)').to.equal(true);
    expect(isPlain(`v${'1'.repeat(255)}`), 'ICU compares digit runs over 254 digits in pieces').to.equal(false);
    expect(new Intl.Collator('da', {numeric: true, sensitivity: 'base'}).compare('aa', 'z'), 'why: Danish sorts aa last').to.equal(1);
    expect(isPlain('web-7d9f-x.y:z/1_2')).to.equal(true);
    for (const text of ['café', 'a b', 'ä', 'ﬁ', '١٢']) expect(isPlain(text), text).to.equal(false);
  });
});

import {expect} from '@open-wc/testing';
import {formatCount, isPlainEnglish, numberFormat} from '../../src/client/intl.js';

describe('counts', () => {
  it('format plain English counts exactly as Intl does, without building a formatter', () => {
    for (const locale of ['en', 'en-US', 'EN-us']) {
      expect(isPlainEnglish(locale), locale).to.equal(true);
      const intl = new Intl.NumberFormat(locale);
      for (const count of [0, 7, 999, 1000, 12_345, 100_000, 1_234_567, 30_000_000, Number.MAX_SAFE_INTEGER]) {
        expect(formatCount(count, locale), `${locale} ${count}`).to.equal(intl.format(count));
      }
    }
  });

  it('leave every other locale, and anything but a whole count, to Intl', () => {
    for (const locale of [undefined, 'de', 'en-IN', 'en-CH', 'en-US-posix', 'en-u-nu-arab', 'fr']) {
      expect(isPlainEnglish(locale), String(locale)).to.equal(false);
      expect(formatCount(100_000, locale), String(locale)).to.equal(numberFormat(locale).format(100_000));
    }
    expect(formatCount(100_000, 'en-IN'), 'lakh grouping').to.equal('1,00,000');
    expect(formatCount(1234.5, 'en')).to.equal('1,234.5');
    expect(formatCount(-1234, 'en')).to.equal('-1,234');
  });
});

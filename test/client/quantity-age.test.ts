import {expect} from '@open-wc/testing';
import {ageMs, compareQuantities, formatAge, formatBytes, formatCpu, formatRelativeAge, parseAge, parseQuantity, tryParseQuantity} from '../../src/client/index.js';

describe('quantities', () => {
  it('parses CPU and memory quantities', () => {
    expect(parseQuantity('100m')).to.equal(0.1);
    expect(parseQuantity('1.5')).to.equal(1.5);
    expect(parseQuantity('250000n')).to.be.closeTo(0.00025, 1e-12);
    expect(parseQuantity('128Mi')).to.equal(128 * 1024 * 1024);
    expect(parseQuantity('2G')).to.equal(2e9);
    expect(parseQuantity('1e3')).to.equal(1000);
    expect(parseQuantity('.5Gi')).to.equal(0.5 * 2 ** 30);
    expect(() => parseQuantity('12 apples')).to.throw(RangeError, 'Not a Kubernetes quantity: "12 apples"');
    expect(tryParseQuantity('<none>')).to.equal(undefined);
  });

  it('reads a long run of digits in linear time, and anything over 64 characters as no quantity', () => {
    const start = performance.now();
    for (let i = 0; i < 10; i++) expect(tryParseQuantity(`${'1'.repeat(30_000)}x`)).to.equal(undefined);
    expect(performance.now() - start, 'ms for ten 30,000-digit cells').to.be.below(200);
    expect(tryParseQuantity('1'.repeat(65))).to.equal(undefined);
    expect(tryParseQuantity(`${'1'.repeat(60)}Mi`)).to.equal(Number('1'.repeat(60)) * 2 ** 20);
    expect(parseQuantity('1.')).to.equal(1);
    expect(tryParseQuantity('1.2.3')).to.equal(undefined);
  });

  it('compares across units', () => {
    expect(compareQuantities('1Gi', '1G')).to.equal(1);
    expect(compareQuantities('500m', '0.5')).to.equal(0);
    expect(['2', '100m', '1500m'].sort(compareQuantities)).to.deep.equal(['100m', '1500m', '2']);
  });

  it('formats with Intl for the locale', () => {
    expect(formatCpu(0.25)).to.equal('250m');
    expect(formatCpu(1.5, 'de')).to.equal('1,5');
    expect(formatBytes(128 * 2 ** 20)).to.equal('128 MiB');
    expect(formatBytes(1.5 * 2 ** 30, 'en')).to.equal('1.5 GiB');
    expect(formatBytes(1.5 * 2 ** 30, 'de')).to.equal('1,5 GiB');
  });
});

describe('ages', () => {
  const s = 1000;
  const m = 60 * s;
  const h = 60 * m;
  const d = 24 * h;
  it('prints ages as kubectl does', () => {
    const cases: Array<[number, string]> = [
      [5 * s, '5s'],
      [119 * s, '119s'],
      [5 * m + 3 * s, '5m3s'],
      [5 * m, '5m'],
      [45 * m, '45m'],
      [3 * h + 12 * m, '3h12m'],
      [30 * h, '30h'],
      [4 * d + 5 * h, '4d5h'],
      [40 * d, '40d'],
      [3 * 365 * d + 20 * d, '3y20d'],
      [10 * 365 * d, '10y'],
    ];
    for (const [ms, text] of cases) expect(formatAge(ms), text).to.equal(text);
    expect(formatAge(undefined)).to.equal('<unknown>');
  });

  it('parses them back for sorting, and measures from timestamps', () => {
    expect(parseAge('3h12m')).to.equal(3 * h + 12 * m);
    expect(parseAge('4d5h')).to.equal(4 * d + 5 * h);
    expect(parseAge('Running')).to.equal(undefined);
    expect(ageMs('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:05:00Z'))).to.equal(5 * m);
    expect(ageMs('not a date')).to.equal(undefined);
  });

  it('says ages in words for the locale', () => {
    expect(formatRelativeAge(5 * m, 'en')).to.equal('5 minutes ago');
    expect(formatRelativeAge(2 * d, 'de')).to.equal('vorgestern');
    expect(formatRelativeAge(3 * s, 'en')).to.equal('3 seconds ago');
  });
});

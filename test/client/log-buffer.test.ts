import {expect} from '@open-wc/testing';
import {LogBuffer} from '../../src/client/log-buffer.js';
import {decodeAnsi, encodeAnsi, nearestPaletteColor, parseAnsi, stripAnsi, paletteColor} from '../../src/client/ansi.js';
import {compileSearch, searchLines, trimDropped} from '../../src/client/log-search.js';
import {detectSeverity} from '../../src/client/log-severity.js';

describe('LogBuffer', () => {
  it('appends in order and drops the oldest lines past the cap, counting them', () => {
    const buffer = new LogBuffer(3);
    for (let i = 0; i < 5; i++) buffer.append(`line ${i}`, i % 2, 1000 + i);
    expect([buffer.size, buffer.total, buffer.dropped, buffer.firstSeq]).to.deep.equal([3, 5, 2, 2]);
    expect([2, 3, 4].map((seq) => buffer.text(seq))).to.deep.equal(['line 2', 'line 3', 'line 4']);
    expect(buffer.has(1)).to.equal(false);
    expect(buffer.line(3)).to.deep.equal({seq: 3, text: 'line 3', source: 1, time: 1003, severity: 'none'});
  });

  it('skips lines lost elsewhere so later lines keep their numbers, and appends another buffer\'s lines', () => {
    const buffer = new LogBuffer(3);
    for (let i = 0; i < 2; i++) buffer.append(`line ${i}`);
    const held = new LogBuffer(3);
    for (let i = 2; i < 7; i++) held.append(`line ${i}`, 1, 1000 + i);
    expect([held.total, held.dropped]).to.deep.equal([5, 2]);
    buffer.skip(held.dropped);
    expect([buffer.size, buffer.total, buffer.dropped, buffer.firstSeq]).to.deep.equal([0, 4, 4, 4]);
    buffer.appendFrom(held);
    expect([buffer.size, buffer.total, buffer.dropped]).to.deep.equal([3, 7, 4]);
    expect(buffer.line(6)).to.deep.equal({seq: 6, text: 'line 6', source: 1, time: 1006, severity: 'none'});
    expect([4, 5, 6].map((seq) => buffer.text(seq))).to.deep.equal(['line 4', 'line 5', 'line 6']);
    buffer.skip(0);
    expect(buffer.size, 'skipping nothing keeps every line').to.equal(3);
  });

  it('keeps severity per line, the text without escapes for search and the colours for rendering', () => {
    const buffer = new LogBuffer(10);
    const seq = buffer.append('\u001b[31mERROR\u001b[0m disk full');
    expect(buffer.severity(seq)).to.equal('error');
    expect(buffer.text(seq)).to.equal('ERROR disk full');
    expect(buffer.segments(seq)).to.deep.equal([{text: 'ERROR', fg: 1}, {text: ' disk full'}]);
    const copy = new LogBuffer(10);
    copy.appendFrom(buffer);
    expect(copy.segments(0), 'another buffer takes the colours along').to.deep.equal(buffer.segments(seq));
  });

  it('holds a million appends in a fixed number of slots', () => {
    const buffer = new LogBuffer(1000);
    for (let i = 0; i < 1_000_000; i++) buffer.append('x');
    expect([buffer.size, buffer.dropped]).to.deep.equal([1000, 999_000]);
  });
});

describe('ANSI', () => {
  it('parses colours and styles into plain-text segments', () => {
    expect(parseAnsi('a\u001b[1;31mb\u001b[22;39mc\u001b[4;38;5;208md\u001b[0m\u001b[48;2;1;2;3me')).to.deep.equal([
      {text: 'a'},
      {text: 'b', bold: true, fg: 1},
      {text: 'c'},
      {text: 'd', fg: 208, underline: true},
      {text: 'e', bg: '#010203'},
    ]);
    expect(parseAnsi('\u001b[92mbright\u001b[m')).to.deep.equal([{text: 'bright', fg: 10}]);
  });

  it('removes every other escape sequence and control character, and never yields markup', () => {
    const hostile = '\u001b]8;;http://evil\u0007link\u001b]8;;\u0007 \u001b[2J\u001b[H<b>bold</b>\u0000\u0008';
    expect(stripAnsi(hostile)).to.equal('link <b>bold</b>');
    expect(parseAnsi(hostile).map((s) => s.text).join('')).to.equal('link <b>bold</b>');
    expect(parseAnsi('cut \u001b[31'), 'a sequence cut at the end of the line goes, as in a terminal').to.deep.equal([{text: 'cut '}]);
    expect(stripAnsi('tab\tand\rreturn\u009b1mC1\u001b7')).to.equal('tab\tandreturnC1');
  });

  it('keeps a line as its plain text and compact style runs, parsed once', () => {
    expect(encodeAnsi('no escapes here')).to.deep.equal({plain: 'no escapes here', runs: ''});
    expect(encodeAnsi('\u001b[0mreset only\u001b[K'), 'escapes that style nothing leave no runs').to.deep.equal({plain: 'reset only', runs: ''});
    const line = encodeAnsi('\u001b[32mINFO\u001b[0m ok');
    expect(line.plain).to.equal('INFO ok');
    expect(line.runs.length, 'two style changes, three chars each').to.equal(6);
    expect(decodeAnsi(line)).to.deep.equal([{text: 'INFO', fg: 2}, {text: ' ok'}]);
    expect(encodeAnsi('a\u001b[1m\u001b[22mb').runs, 'a change undone at the same offset is no change').to.equal('');
    expect(decodeAnsi(encodeAnsi('a\u001b[1m\u001b[31mb')), 'two changes at one offset are one').to.deep.equal([{text: 'a'}, {text: 'b', bold: true, fg: 1}]);
    const long = 'x'.repeat(70_000);
    expect(decodeAnsi(encodeAnsi(`${long}\u001b[4my`)), 'offsets past 65,535').to.deep.equal([{text: long}, {text: 'y', underline: true}]);
    expect(encodeAnsi('\u001b[38;2;1;2;3mx').runs, 'the same style is the same id').to.equal(encodeAnsi('\u001b[38;2;1;2;3my').runs);
  });

  it('keeps its style table bounded under endless distinct colours: later true colours come from the 256-colour palette', () => {
    encodeAnsi('\u001b[31mseen before the flood');
    let last: ReturnType<typeof decodeAnsi> = [];
    for (let i = 0; i < 70_000; i++) last = decodeAnsi(encodeAnsi(`\u001b[38;2;${i >> 16};${(i >> 8) & 255};${i & 255}mline ${i}`));
    // #01116f: the cube's nearest.
    expect(last).to.deep.equal([{text: 'line 69999', fg: nearestPaletteColor('#01116f')}]);
    expect(decodeAnsi(encodeAnsi('\u001b[38;2;250;10;10mstill red')), 'a new true colour after the flood still colours').to.deep.equal([{text: 'still red', fg: 196}]);
    expect(decodeAnsi(encodeAnsi('\u001b[31mred')), 'styles seen before keep working').to.deep.equal([{text: 'red', fg: 1}]);
  });

  it('takes a line with tens of thousands of style changes', () => {
    const line = Array.from({length: 50_000}, (_, i) => `\u001b[${31 + (i % 2)}mx`).join('');
    const segments = decodeAnsi(encodeAnsi(line));
    expect(segments.length).to.equal(50_000);
    expect(segments.map((s) => s.text).join('')).to.equal('x'.repeat(50_000));
    expect(segments[1]).to.deep.equal({text: 'x', fg: 2});
  });

  it('maps a 24-bit colour to the nearest palette colour', () => {
    expect(['#ff0000', '#000000', '#808080', '#5fafd7', '#eeeeee'].map(nearestPaletteColor)).to.deep.equal([196, 16, 244, 74, 255]);
  });

  it('maps the 256-colour palette', () => {
    expect([paletteColor(16), paletteColor(196), paletteColor(232), paletteColor(255)]).to.deep.equal(['#000000', '#ff0000', '#080808', '#eeeeee']);
  });
});

describe('severity', () => {
  it('reads level fields, klog prefixes and level words', () => {
    expect(detectSeverity('{"level":"warn","msg":"x"}')).to.equal('warning');
    expect(detectSeverity('ts=1 level=error msg=boom')).to.equal('error');
    expect(detectSeverity('E1122 10:00:00.000000 1 main.go:1] failed')).to.equal('error');
    expect(detectSeverity('W1122 10:00:00.000000 1 main.go:1] hmm')).to.equal('warning');
    expect(detectSeverity('ERROR request failed')).to.equal('error');
    expect(detectSeverity('WARN slow')).to.equal('warning');
    expect(detectSeverity('INFO fine')).to.equal('info');
    expect(detectSeverity('an error-free line about terrors')).to.equal('none');
  });
});

describe('search', () => {
  const buffer = new LogBuffer(100_000);
  for (let i = 0; i < 100_000; i++) buffer.append(i % 1000 === 0 ? `\u001b[33mWARN\u001b[0m Slow request ${i}` : `INFO request ${i} done`);

  it('counts plain matches, case-insensitive by default, over 100,000 lines', () => {
    expect(searchLines(buffer, compileSearch('slow')).length).to.equal(100);
    expect(searchLines(buffer, compileSearch('slow', {caseSensitive: true})).length).to.equal(0);
    expect(searchLines(buffer, compileSearch('request 99999 ')).length).to.equal(1);
  });

  it('treats the query as text unless regex is on, and reports a bad expression', () => {
    expect(searchLines(buffer, compileSearch('request 1.0 ')).length).to.equal(0);
    expect(searchLines(buffer, compileSearch('request 1.0 ', {regex: true})).length).to.equal(10);
    expect(compileSearch('(', {regex: true}).error).to.be.a('string');
  });

  it('matches the text without escapes, and gives match ranges', () => {
    expect(searchLines(buffer, compileSearch('WARN Slow')).length).to.equal(100);
    expect(compileSearch('o', {}).ranges('foo bOo')).to.deep.equal([[1, 2], [2, 3], [5, 6], [6, 7]]);
    expect(compileSearch('x*', {regex: true}).ranges('ab')).to.deep.equal([]);
  });

  it('extends results with new lines and trims dropped ones', () => {
    const small = new LogBuffer(4);
    const matcher = compileSearch('hit');
    const found = searchLines(small, matcher);
    small.append('hit 0');
    small.append('miss');
    searchLines(small, matcher, found, 0);
    small.append('hit 2');
    small.append('hit 3');
    small.append('hit 4');
    searchLines(small, matcher, found, 2);
    expect(found).to.deep.equal([0, 2, 3, 4]);
    expect(trimDropped(found, small.firstSeq)).to.equal(1);
    expect(found).to.deep.equal([2, 3, 4]);
  });
});

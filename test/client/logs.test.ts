import {expect} from '@open-wc/testing';
import {podLogQuery, readLines, splitTimestamp} from '../../src/client/index.js';
import {fakeApi} from '../support/fake-api.js';

const encode = (text: string) => [...new TextEncoder().encode(text)];

function streamOf(chunks: number[][]) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new Uint8Array(chunk));
      controller.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>) {
  const lines: string[] = [];
  for await (const line of readLines(stream)) lines.push(line);
  return lines;
}

describe('log streams', () => {
  it('reassembles lines split across chunks, including a multi-byte character split between chunks', async () => {
    const bytes = encode('first line\nsecond: 日本語 ✓ 🚀 done\r\nthird');
    // Split inside 日 (3 bytes), inside 🚀 (4 bytes), and between \r and \n.
    const cut1 = encode('first line\nsecond: ').length + 1;
    const cut2 = encode('first line\nsecond: 日本語 ✓ ').length + 2;
    const cut3 = encode('first line\nsecond: 日本語 ✓ 🚀 done\r').length;
    const chunks = [bytes.slice(0, cut1), bytes.slice(cut1, cut2), bytes.slice(cut2, cut3), bytes.slice(cut3)];
    expect(await collect(streamOf(chunks))).to.deep.equal(['first line', 'second: 日本語 ✓ 🚀 done', 'third']);
  });

  it('handles one byte per chunk and empty lines', async () => {
    const text = 'a\n\nλ — €\n';
    expect(await collect(streamOf(encode(text).map((b) => [b])))).to.deep.equal(['a', '', 'λ — €']);
  });

  it('scans only new text: a long line over many chunks costs linear time', async () => {
    const chunk = encode('x'.repeat(1000));
    const chunks = Array.from({length: 2000}, () => chunk);
    chunks.push(encode('\n'));
    const started = performance.now();
    const lines = await collect(streamOf(chunks));
    expect(lines[0]!.length).to.equal(2_000_000);
    // Generous bound: re-splitting the whole buffer per chunk would be ~1000x slower.
    expect(performance.now() - started).to.be.below(2000);
  });

  it('streams pod logs from the server, chunk by chunk, and can be aborted', async () => {
    const api = await fakeApi();
    const all = encode('2026-11-22T10:00:00.000000001Z héllo wörld\n2026-11-22T10:00:01.5Z {"level":"error","msg":"ünïcode"}\n');
    await api.control('log-chunks', {
      chunks: [
        {bytes: all.slice(0, 40), delayMs: 0},
        {bytes: all.slice(40, 51), delayMs: 50},
        {bytes: all.slice(51), delayMs: 50},
      ],
    });
    const client = api.client();
    const lines: string[] = [];
    for await (const line of client.podLogs('one', {namespace: 'team-a', pod: 'pod-1', container: 'app', timestamps: true, follow: true})) {
      lines.push(line);
    }
    expect(lines.map(splitTimestamp)).to.deep.equal([
      {timestamp: '2026-11-22T10:00:00.000000001Z', text: 'héllo wörld'},
      {timestamp: '2026-11-22T10:00:01.5Z', text: '{"level":"error","msg":"ünïcode"}'},
    ]);
    await api.control('log-chunks', {chunks: [{bytes: encode('one\n'), delayMs: 0}, {bytes: encode('never\n'), delayMs: 2000}]});
    const abort = new AbortController();
    const seen: string[] = [];
    const started = Date.now();
    const error = await (async () => {
      for await (const line of client.podLogs('one', {namespace: 'team-a', pod: 'pod-1', follow: true, signal: abort.signal})) {
        seen.push(line);
        abort.abort();
      }
    })().catch((e) => e);
    expect(seen).to.deep.equal(['one']);
    expect(Date.now() - started).to.be.below(1500);
    expect(error === undefined || error.name === 'AbortError').to.be.true;
  });

  it('builds every log query parameter, and refuses since-seconds together with since-time', () => {
    expect(
      podLogQuery({namespace: 'a', pod: 'b', container: 'c', follow: true, previous: true, timestamps: true, tailLines: 100, sinceTime: new Date('2026-01-01T00:00:00Z'), limitBytes: 1024})
    ).to.deep.include({container: 'c', follow: true, previous: true, timestamps: true, tailLines: 100, sinceTime: '2026-01-01T00:00:00.000Z', limitBytes: 1024});
    expect(podLogQuery({namespace: 'a', pod: 'b', sinceSeconds: 300}).sinceSeconds).to.equal(300);
    expect(() => podLogQuery({namespace: 'a', pod: 'b', sinceSeconds: 1, sinceTime: 'x'})).to.throw(RangeError);
  });
});

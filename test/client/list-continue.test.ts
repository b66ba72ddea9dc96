import {expect} from '@open-wc/testing';
import {MAX_HEAD, continueInHead, peekContinue} from '../../src/client/list-continue.js';

describe('continue token from the head of a list', () => {
  it('reads the token of a List or a Table from its metadata, before the items', () => {
    expect(continueInHead('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"9","continue":"eyJ2Ijo5fQ","remainingItemCount":4},"items":[{"met')).to.equal('eyJ2Ijo5fQ');
    expect(continueInHead('{"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"continue":"a\\u003cb"},"columnDefinitions":[')).to.equal('a<b');
  });

  it('says there is none on a last page, and waits for more text when it cannot tell yet', () => {
    expect(continueInHead('{"kind":"PodList","metadata":{"resourceVersion":"9"},"items":[')).to.equal('');
    expect(continueInHead('{"kind":"PodList","metadata":{"resourceVersion":"9","conti')).to.equal(undefined);
    expect(continueInHead('{"kind":"PodList","metadata":{"continue":"abc')).to.equal(undefined);
  });

  it('never takes a "continue" from inside the items or after the metadata', () => {
    expect(continueInHead('{"kind":"ConfigMapList","metadata":{},"items":[{"data":{"continue":"no"}}]')).to.equal('');
    expect(continueInHead('{"kind":"Table","columnDefinitions":[],"rows":[],"metadata":{"continue":"late"}}')).to.equal('');
  });

  it('peeks a stream chunk by chunk and leaves no reader behind', async () => {
    const chunks = ['{"kind":"PodList","metadata":{"conti', 'nue":"tok', 'en"},"items":[', '1,2,3]}'];
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode(chunks[pulled++]!));
        if (pulled === chunks.length) controller.close();
      },
      cancel: () => void (cancelled = true),
    });
    const tokens: string[] = [];
    await peekContinue(body, (token) => tokens.push(token));
    expect(tokens).to.deep.equal(['token']);
    expect(pulled, 'stopped reading once the token was whole').to.equal(3);
    expect(cancelled).to.equal(true);
  });

  it('decodes only the head of a chunk that holds a whole page', async () => {
    const rows = Array.from({length: 40_000}, (_, i) => `{"cells":["pod-${i}"]}`).join(',');
    const page = new TextEncoder().encode(`{"kind":"Table","metadata":{"continue":"next"},"columnDefinitions":[],"rows":[${rows}]}`);
    expect(page.length).to.be.greaterThan(10 * MAX_HEAD);
    const decode = TextDecoder.prototype.decode;
    let decoded = 0;
    TextDecoder.prototype.decode = function (input?: AllowSharedBufferSource, options?: TextDecodeOptions) {
      decoded += input?.byteLength ?? 0;
      return decode.call(this, input, options);
    };
    const tokens: string[] = [];
    try {
      await peekContinue(new Response(page).body!, (token) => tokens.push(token));
    } finally {
      TextDecoder.prototype.decode = decode;
    }
    expect(tokens).to.deep.equal(['next']);
    expect(decoded).to.be.at.most(MAX_HEAD + 1);
  });

  it('gives up on a head longer than the limit without a token', async () => {
    const page = new TextEncoder().encode(`{"kind":"Table","metadata":{"note":"${'x'.repeat(3 * MAX_HEAD)}","continue":"late"}}`);
    const tokens: string[] = [];
    await peekContinue(new Response(page).body!, (token) => tokens.push(token));
    expect(tokens).to.deep.equal([]);
  });
});

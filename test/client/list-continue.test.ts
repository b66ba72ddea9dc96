import {expect} from '@open-wc/testing';
import {continueInHead, peekContinue} from '../../src/client/list-continue.js';

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
});

import {expect} from '@open-wc/testing';
import {FrameBatcher} from '../../src/client/frame-batcher.js';

describe('FrameBatcher', () => {
  it('flushes once per frame however often it is scheduled, and not again after flushing now', () => {
    const frames: Array<() => void> = [];
    let flushes = 0;
    const batcher = new FrameBatcher(
      () => flushes++,
      (callback) => frames.push(callback)
    );
    batcher.schedule();
    batcher.schedule();
    expect(frames.length, 'one frame asked for').to.equal(1);
    frames.shift()!();
    expect(flushes).to.equal(1);
    batcher.schedule();
    batcher.flushNow();
    expect(flushes, 'delivered at once').to.equal(2);
    frames.shift()!();
    expect(flushes, 'the frame asked for earlier finds nothing to do').to.equal(2);
    batcher.schedule();
    expect(frames.length, 'a new frame after flushing now').to.equal(1);
    frames.shift()!();
    expect(flushes).to.equal(3);
  });
});

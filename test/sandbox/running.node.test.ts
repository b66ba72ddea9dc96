import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createSandbox} from '../../src/sandbox/index.js';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sandbox clock on a real timer', () => {
  it('running: true starts the simulation at once, and dispose() stops it', async () => {
    const sandbox = createSandbox({clusters: 1, running: true, tickMs: 10});
    const clock = sandbox.clusters.get('sandbox')!.clock;
    const created = clock.now();
    try {
      await wait(120);
      assert.ok(clock.now() > created, 'simulated time follows wall-clock time');
    } finally {
      sandbox.dispose();
    }
    const stopped = clock.now();
    await wait(60);
    assert.equal(clock.now(), stopped, 'no tick after dispose');
  });

  it('stands still unless asked to run', async () => {
    const sandbox = createSandbox({clusters: 1, tickMs: 10});
    const clock = sandbox.clusters.get('sandbox')!.clock;
    const created = clock.now();
    await wait(60);
    assert.equal(clock.now(), created);
    sandbox.dispose();
  });
});

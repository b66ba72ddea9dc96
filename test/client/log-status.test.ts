import {expect} from '@open-wc/testing';
import type {LogSources} from '../../src/client/log-sources.js';
import {KubeApiError} from '../../src/client/errors.js';
import {announcementText, overallStatus, StateAnnouncer, statusText} from '../../src/elements/kube-pod-logs/log-status.js';

const format = (n: number) => n.toLocaleString('en');
const sourcesWith = (error?: Error) =>
  ({podsStatus: 'ready', target: {cluster: 'x', namespace: 'n', pod: 'p'}, sources: [{namespace: 'n', pod: 'p', container: 'c', status: 'waiting', error}]}) as unknown as LogSources;

describe('log status', () => {
  it('tells a container that has not started from one that stopped and will restart', () => {
    const notStarted = sourcesWith(new KubeApiError({kind: 'Status', code: 400, reason: 'BadRequest', message: 'container "c" in pod "p" is waiting to start: ContainerCreating'}));
    expect(statusText(overallStatus(true, true, true, notStarted, false), notStarted, undefined, format)).to.equal('The container has not started yet; waiting for it.');
    const stopped = sourcesWith();
    const status = overallStatus(true, true, true, stopped, true);
    expect(status.state).to.equal('waiting');
    expect(statusText(status, stopped, undefined, format)).to.equal('The container stopped; waiting for it to restart.');
  });

  it('announces the state without counts: streaming is one text however many containers stream', () => {
    const sources = {podsStatus: 'ready', target: {cluster: 'x', namespace: 'n', kind: 'Deployment', name: 'w'}, sources: ['a', 'b', 'c'].map((pod, i) => ({namespace: 'n', pod, container: 'c', status: i ? 'streaming' : 'ended'}))} as unknown as LogSources;
    const status = overallStatus(true, true, true, sources, true);
    expect(statusText(status, sources, undefined, format)).to.equal('Streaming 2 of 3 containers');
    expect(announcementText(status, sources, false, format)).to.equal('Streaming');
    expect(announcementText(status, sources, true, format)).to.equal('Paused');
  });

  it('tells a reconnect only once it lasted the delay; a reconnect that heals sooner is never said', () => {
    let woken = 0;
    const announcer = new StateAnnouncer(3000, () => woken++);
    try {
      expect(announcer.say('Streaming', false, 0)).to.equal('Streaming');
      expect(announcer.say('Reconnecting', true, 100)).to.equal('Streaming');
      expect(announcer.say('Reconnecting', true, 3000)).to.equal('Streaming');
      expect(announcer.say('Streaming', false, 3050)).to.equal('Streaming');
      expect(announcer.say('Reconnecting', true, 4000)).to.equal('Streaming');
      expect(announcer.say('Reconnecting', true, 6999)).to.equal('Streaming');
      expect(announcer.say('Reconnecting', true, 7000)).to.equal('Reconnecting');
      expect(announcer.say('The log ended.', false, 7001)).to.equal('The log ended.');
    } finally {
      announcer.cancel();
    }
    expect(woken, 'the timer was cancelled').to.equal(0);
  });
});

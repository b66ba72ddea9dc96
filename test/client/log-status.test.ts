import {expect} from '@open-wc/testing';
import type {LogSources} from '../../src/client/log-sources.js';
import {KubeApiError} from '../../src/client/errors.js';
import {overallStatus, statusText} from '../../src/elements/kube-pod-logs/log-status.js';

const format = (n: number) => n.toLocaleString('en');
const sourcesWith = (error?: Error) =>
  ({podsStatus: 'ready', target: {cluster: 'x', namespace: 'n', pod: 'p'}, sources: [{namespace: 'n', pod: 'p', container: 'c', status: 'waiting', error}]}) as unknown as LogSources;

describe('log status', () => {
  it('tells a container that has not started from one that stopped and will restart', () => {
    const notStarted = sourcesWith(new KubeApiError({kind: 'Status', code: 400, reason: 'BadRequest', message: 'container "c" in pod "p" is waiting to start: ContainerCreating'}));
    expect(statusText(overallStatus(true, true, notStarted, false), notStarted, undefined, format)).to.equal('The container has not started yet; waiting for it.');
    const stopped = sourcesWith();
    const status = overallStatus(true, true, stopped, true);
    expect(status.state).to.equal('waiting');
    expect(statusText(status, stopped, undefined, format)).to.equal('The container stopped; waiting for it to restart.');
  });
});

import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {KubeClient} from '../client/kube-client.js';
import type {ClusterInfo, ServerVersion} from '../client/types.js';
import {Backoff} from '../client/backoff.js';
import {askUntilAnswered} from '../client/failures.js';

/** Whether a cluster's API server answered `/version`. */
export type ClusterReach =
  | {state: 'checking'}
  | {state: 'reachable'; version: ServerVersion}
  | {state: 'unreachable'; error: Error};

export interface ClusterStatus {
  info: ClusterInfo;
  reach: ClusterReach;
}

export interface ClusterStatusTarget {
  client: KubeClient;
  /** Clusters the host names itself; the transport's list (`GET /clusters`) when undefined. */
  clusters?: readonly ClusterInfo[];
}

/**
 * Lists the clusters a client's transport knows (or the host's own list) and probes each one's
 * `/version`, so a picker can show reachability and server versions. Re-lists when the client or
 * the host's list changes; probes run in parallel and are aborted when the host disconnects. A
 * listing that fails for a passing reason (no answer, 5xx, 408, 429) is shown and asked again with
 * backoff, as the provider does; a refusal (401, 403, a login page) stays shown.
 */
export class ClusterStatusController implements ReactiveController {
  status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  error?: Error;
  clusters: ClusterStatus[] = [];

  private client?: KubeClient;
  private source?: readonly ClusterInfo[];
  private abort?: AbortController;

  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly target: () => ClusterStatusTarget | undefined
  ) {
    host.addController(this);
  }

  /** Work waits for the host's update: a framework sets properties just after connecting the element. */
  hostConnected() {
    this.connected = true;
    this.host.requestUpdate();
  }

  hostUpdate() {
    if (this.connected) this.sync(false);
  }

  hostDisconnected() {
    this.connected = false;
    this.abort?.abort();
    this.abort = undefined;
    this.client = undefined;
    this.source = undefined;
  }

  /** Lists and probes again, e.g. after a cluster came back. */
  refresh() {
    this.sync(true);
  }

  /** The status of one cluster by name. */
  get(name: string | undefined): ClusterStatus | undefined {
    return this.clusters.find((cluster) => cluster.info.name === name);
  }

  private sync(force: boolean) {
    const next = this.target();
    if (!force && next?.client === this.client && next?.clusters === this.source) return;
    this.abort?.abort();
    this.abort = undefined;
    this.client = next?.client;
    this.source = next?.clusters;
    this.error = undefined;
    this.clusters = [];
    if (!next) {
      this.status = 'idle';
      return;
    }
    this.status = 'loading';
    const abort = (this.abort = new AbortController());
    void this.load(next, abort.signal);
  }

  private async load({client, clusters}: ClusterStatusTarget, signal: AbortSignal) {
    const listed = clusters
      ? {answer: clusters}
      : await askUntilAnswered(() => client.listClusters(signal), new Backoff({initialMs: 1000}), signal, (error) => {
          this.status = 'error';
          this.error = error;
          this.host.requestUpdate();
        });
    if (!listed || !('answer' in listed) || signal.aborted) return;
    const infos = listed.answer;
    this.status = 'ready';
    this.error = undefined;
    this.clusters = infos.map((info) => ({info, reach: {state: 'checking'}}));
    this.host.requestUpdate();
    for (const info of infos) void this.probe(client, info, signal);
  }

  private async probe(client: KubeClient, info: ClusterInfo, signal: AbortSignal) {
    let reach: ClusterReach;
    try {
      // No signal: the client shares one /version request per cluster between all its callers.
      reach = {state: 'reachable', version: await client.version(info.name)};
    } catch (error) {
      if (signal.aborted) return;
      reach = {state: 'unreachable', error: error instanceof Error ? error : new Error(String(error))};
    }
    if (signal.aborted) return;
    this.clusters = this.clusters.map((cluster) => (cluster.info === info ? {info, reach} : cluster));
    this.host.requestUpdate();
  }
}

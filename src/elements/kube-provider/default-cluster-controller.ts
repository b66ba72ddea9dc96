import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {Backoff, type BackoffOptions} from '../../client/backoff.js';
import type {KubeClient} from '../../client/kube-client.js';
import {askUntilAnswered} from '../../client/failures.js';

/**
 * The first cluster a client lists, for a provider that isn't told which cluster to use. A listing
 * that fails for a passing reason (no answer, 5xx, 408, 429 — after its Retry-After) is retried
 * with backoff until one succeeds, the client changes, a cluster is set, or the host disconnects
 * (a reconnect resumes). Any other failure — a refusal (401, 403, 404), another 4xx, or an answer
 * that isn't the API's (a login page) — is kept and not asked again for that client, nor is an
 * empty list: both are answers.
 */
export class DefaultClusterController implements ReactiveController {
  /** The client's first cluster, once it answered; undefined while it hasn't, or listed none. */
  cluster?: string;
  /** Why the last listing failed; undefined once one succeeds or no default cluster is wanted. */
  error?: Error;

  private client?: KubeClient;
  private wanted = false;
  private answered = false;
  private connected = false;
  private running?: AbortController;
  private readonly backoff: Backoff;

  constructor(
    private readonly host: ReactiveControllerHost,
    backoff?: BackoffOptions
  ) {
    this.backoff = new Backoff(backoff);
    host.addController(this);
  }

  /** From the host's update: the client in effect, and whether it needs a cluster from it. */
  track(client: KubeClient | undefined, wanted: boolean) {
    if (client !== this.client) {
      this.stop();
      this.client = client;
      this.cluster = this.error = undefined;
      this.answered = false;
      this.backoff.reset();
    }
    this.wanted = wanted && client !== undefined;
    if (!this.wanted) {
      this.stop();
      this.error = undefined;
    }
    this.resume();
  }

  hostConnected() {
    this.connected = true;
    this.resume();
  }

  hostDisconnected() {
    this.connected = false;
    this.stop();
  }

  private resume() {
    if (!this.client || !this.wanted || !this.connected || this.answered || this.running) return;
    this.running = new AbortController();
    void this.pick(this.client, this.running.signal);
  }

  private stop() {
    this.running?.abort();
    this.running = undefined;
  }

  private async pick(client: KubeClient, signal: AbortSignal) {
    const outcome = await askUntilAnswered(() => client.listClusters(signal), this.backoff, signal, (error) => {
      this.error = error;
      this.host.requestUpdate();
    });
    if (!outcome) return;
    if ('answer' in outcome) {
      this.cluster = outcome.answer[0]?.name;
      this.error = undefined;
      this.backoff.reset();
      this.host.requestUpdate();
    }
    // A refusal is an answer too: asking again would get the same one.
    this.answered = true;
    this.running = undefined;
  }
}

import {createKubeClient, type KubeClient} from '../../client/kube-client.js';
import type {TokenProvider, Transport} from '../../client/transport.js';
import {gatewayTransport} from '../../client/transports/gateway.js';
import {directTransport} from '../../client/transports/direct.js';
import {sandboxTransport} from '../../client/transports/sandbox.js';

export type ProviderTransport = 'gateway' | 'direct' | 'sandbox';

/** What a provider's own client is made from: when any of it changes, the provider makes a new one. */
export interface OwnClientRecipe {
  transport: ProviderTransport;
  baseUrl: string;
  /** The one cluster name the `direct` transport answers to; the other transports ignore it. */
  directCluster: string | undefined;
  tokenProvider: TokenProvider | undefined;
}

/** The client a provider makes from its attributes, with whatever its transport holds (the in-page sandbox). */
export class OwnClient {
  readonly client: KubeClient;
  private readonly transport: Transport & {dispose?(): void};

  constructor(readonly recipe: OwnClientRecipe) {
    this.transport = makeTransport(recipe);
    this.client = createKubeClient({transport: this.transport});
  }

  /** Whether this client was made from `recipe`. */
  madeFrom(recipe: OwnClientRecipe): boolean {
    const made = this.recipe;
    return (
      made.transport === recipe.transport &&
      made.baseUrl === recipe.baseUrl &&
      made.tokenProvider === recipe.tokenProvider &&
      (recipe.transport !== 'direct' || made.directCluster === recipe.directCluster)
    );
  }

  /** Closes the client's watches and releases its transport. */
  dispose() {
    this.client.dispose();
    this.transport.dispose?.();
  }
}

function makeTransport({transport, baseUrl, directCluster, tokenProvider}: OwnClientRecipe): Transport & {dispose?(): void} {
  switch (transport) {
    case 'direct':
      return directTransport({baseUrl: baseUrl || location.origin, cluster: directCluster, tokenProvider});
    case 'sandbox':
      return sandboxTransport({tokenProvider});
    default:
      return gatewayTransport({baseUrl, tokenProvider});
  }
}

import type {KubeRequest, TokenProvider} from '../transport.js';

/**
 * Sends a request with the token provider's token. A 401 to a token asks the provider once more,
 * naming the token it rejected, and sends the request again when the provider has another — a
 * token that expired while a list was watched costs one round trip, not a wait. Sending again is
 * safe for any method: a 401 means the server authenticated nothing, so it did nothing.
 */
export function sendWithToken(request: KubeRequest, tokenProvider: TokenProvider | undefined, send: (headers: Headers) => Promise<Response>): Promise<Response> {
  const sendAs = (token: string | undefined) => {
    const headers = new Headers(request.headers);
    // A token the request carries already is the caller's to renew, not the provider's.
    const sent = token && !headers.has('Authorization') ? token : undefined;
    if (sent) headers.set('Authorization', `Bearer ${sent}`);
    const pending = send(headers);
    return sent && tokenProvider ? pending.then((response) => (response.status === 401 ? sendAgain(request, tokenProvider, sent, response, send) : response)) : pending;
  };
  const token = tokenProvider?.(request.cluster);
  // Synchronous when the token is: a request made while a page's scripts are evaluated goes out at once.
  return isThenable(token) ? Promise.resolve(token).then(sendAs) : sendAs(token);
}

async function sendAgain(request: KubeRequest, tokenProvider: TokenProvider, rejected: string, response: Response, send: (headers: Headers) => Promise<Response>) {
  let fresh: string | undefined;
  try {
    fresh = await tokenProvider(request.cluster, rejected);
  } catch {
    // A provider that can't refresh leaves the server's 401 to be reported.
  }
  if (!fresh || fresh === rejected || request.signal?.aborted) return response;
  void response.body?.cancel().catch(() => {});
  return send(withToken(request, fresh));
}

function isThenable(value: unknown): value is PromiseLike<string | undefined> {
  return typeof (value as PromiseLike<unknown> | undefined)?.then === 'function';
}

function withToken(request: KubeRequest, token: string | undefined | null): Headers {
  const headers = new Headers(request.headers);
  if (token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`);
  return headers;
}

/** The identity a token provider stands for: the token itself, kept in memory only. */
export async function tokenIdentity(cluster: string, tokenProvider: TokenProvider | undefined) {
  return (tokenProvider ? await tokenProvider(cluster) : undefined) ?? '';
}

import type {KubeRequest, TokenProvider} from '../transport.js';

/**
 * Request headers plus `Authorization: Bearer …` when the token provider has a token. Synchronous
 * when the token is (no provider, or one that returns a string), so a request made while a page's
 * scripts are still being evaluated goes out at once rather than after them.
 */
export function headersWithToken(request: KubeRequest, tokenProvider: TokenProvider | undefined): Headers | Promise<Headers> {
  const token = tokenProvider?.(request.cluster);
  return isThenable(token) ? Promise.resolve(token).then((value) => withToken(request, value)) : withToken(request, token);
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

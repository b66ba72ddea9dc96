import type {KubeRequest, TokenProvider} from '../transport.js';

/** Request headers plus `Authorization: Bearer …` when the token provider has a token. */
export async function headersWithToken(
  request: KubeRequest,
  tokenProvider: TokenProvider | undefined
): Promise<Headers> {
  const headers = new Headers(request.headers);
  const token = tokenProvider ? await tokenProvider(request.cluster) : undefined;
  if (token && !headers.has('Authorization')) headers.set('Authorization', `Bearer ${token}`);
  return headers;
}

/** The identity a token provider stands for: the token itself, kept in memory only. */
export async function tokenIdentity(cluster: string, tokenProvider: TokenProvider | undefined) {
  return (tokenProvider ? await tokenProvider(cluster) : undefined) ?? '';
}

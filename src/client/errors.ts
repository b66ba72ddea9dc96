import type {KubeStatus} from './types.js';

/** The API server answered with an error status; carries its `Status` body. */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  /** HTTP status code (403, 404, 409, 410, 429, 500, …). */
  readonly code: number;
  /** Machine-readable reason, e.g. `Forbidden`, `NotFound`, `Conflict`, `Expired`, `Gone`. */
  readonly reason: string;
  readonly details?: KubeStatus['details'];
  /** The Status body as received, or one made up for a non-Status error body. */
  readonly status: KubeStatus;
  /** Seconds to wait before retrying, from `Retry-After` or the Status details. */
  readonly retryAfterSeconds?: number;

  constructor(status: KubeStatus, retryAfterSeconds?: number) {
    super(status.message || `${status.code ?? ''} ${status.reason ?? 'Error'}`.trim());
    this.status = status;
    this.code = status.code ?? 0;
    this.reason = status.reason ?? STATUS_REASONS[this.code] ?? 'Unknown';
    this.details = status.details;
    this.retryAfterSeconds = retryAfterSeconds ?? status.details?.retryAfterSeconds;
  }

  get isForbidden() {
    return this.code === 403;
  }
  get isNotFound() {
    return this.code === 404;
  }
  get isConflict() {
    return this.code === 409;
  }
  /** The requested resourceVersion is too old to watch or list from; re-list. */
  get isGone() {
    return this.code === 410 || this.reason === 'Expired' || this.reason === 'Gone';
  }
}

/** No response: DNS, refused connection, TLS, CORS, a dropped stream, or a malformed body. */
export class KubeNetworkError extends Error {
  override readonly name = 'KubeNetworkError';
  constructor(message: string, options?: {cause?: unknown}) {
    super(message, options);
  }
}

/** The caller aborted the request (its `AbortSignal` fired). */
export class KubeAbortError extends Error {
  override readonly name = 'AbortError';
  constructor(message = 'The request was aborted', options?: {cause?: unknown}) {
    super(message, options);
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** The reason kube-apiserver pairs with each HTTP code (metav1.StatusReason). */
export const STATUS_REASONS: Readonly<Record<number, string>> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  406: 'NotAcceptable',
  409: 'Conflict',
  410: 'Expired',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/** Whether `value` looks like a `meta.k8s.io/v1` Status object. */
export function isStatus(value: unknown): value is KubeStatus {
  return typeof value === 'object' && value !== null && (value as {kind?: unknown}).kind === 'Status';
}

/** Turns an error response into a `KubeApiError`, reading a Status body when there is one. */
export async function errorFromResponse(response: Response): Promise<KubeApiError> {
  const text = await response.text().catch(() => '');
  let status: KubeStatus | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isStatus(parsed)) status = parsed;
  } catch {
    // not JSON: a proxy's HTML page or plain text, summarised below
  }
  const retryAfter = Number(response.headers.get('Retry-After'));
  return new KubeApiError(
    status ?? {
      kind: 'Status',
      status: 'Failure',
      code: response.status,
      reason: STATUS_REASONS[response.status],
      message: summarizeBody(text) || response.statusText || `HTTP ${response.status}`,
    },
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined
  );
}

function summarizeBody(text: string) {
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > 300 ? `${plain.slice(0, 300)}…` : plain;
}

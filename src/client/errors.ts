import type {KubeStatus} from './types.js';
import {MAX_WAIT_MS} from './backoff.js';

/** How much of a server's message an error keeps as its `message`; the whole body stays in `status`. */
export const MAX_MESSAGE_LENGTH = 2000;

/** The API server answered with an error status; carries its `Status` body. */
export class KubeApiError extends Error {
  override readonly name = 'KubeApiError';
  /** HTTP status code (403, 404, 409, 410, 429, 500, …): the response's, never the body's word for it. */
  readonly code: number;
  /** Machine-readable reason, e.g. `Forbidden`, `NotFound`, `Conflict`, `Expired`, `Gone`. */
  readonly reason: string;
  readonly details?: KubeStatus['details'];
  /** The Status body as received, or one made up for a non-Status error body. */
  readonly status: KubeStatus;
  /** Seconds to wait before retrying, from `Retry-After` or the Status details; at most `MAX_WAIT_MS`. */
  readonly retryAfterSeconds?: number;

  /**
   * `httpCode` is the status the response carried; a body's own `code` is used only without one
   * (a Status made up by the client, a watch's ERROR event).
   */
  constructor(status: KubeStatus, retryAfterSeconds?: number, httpCode?: number) {
    const read = readStatus(status, httpCode);
    super(read.message);
    this.status = status;
    this.code = read.code;
    this.reason = read.reason;
    this.details = readDetails(status.details);
    this.retryAfterSeconds = positiveSeconds(retryAfterSeconds) ?? positiveSeconds(status.details?.retryAfterSeconds);
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

/**
 * The server answered, but not with what the API sends: a login page or a proxy's HTML where JSON
 * was due, a body that is not a JSON object, a list whose `items` is not an array. Not a network
 * error: something did answer, with `code`.
 */
export class KubeMalformedResponseError extends Error {
  override readonly name = 'KubeMalformedResponseError';
  constructor(
    /** The HTTP status the malformed answer came with (200 for a login page served in place of the API). */
    readonly code: number,
    message: string,
    /** The request's path, when known. */
    readonly path?: string
  ) {
    super(message);
  }
}

/** No response: DNS, refused connection, TLS, CORS, a dropped stream. */
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

/** Whether `value` is a JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `value` looks like a `meta.k8s.io/v1` Status object. */
export function isStatus(value: unknown): value is KubeStatus {
  return isRecord(value) && value.kind === 'Status';
}

/** A watch's ERROR event as an error: its Status, with the code it gives when that is an HTTP error code, else 500. */
export function watchError(object: unknown): KubeApiError {
  const status: KubeStatus = isStatus(object) ? object : {kind: 'Status', status: 'Failure', message: 'Watch error'};
  return new KubeApiError(status, undefined, errorCode(status.code) ?? 500);
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
  return new KubeApiError(
    status ?? {
      kind: 'Status',
      status: 'Failure',
      code: response.status,
      reason: STATUS_REASONS[response.status],
      message: summarizeBody(text) || response.statusText || `HTTP ${response.status}`,
    },
    parseRetryAfter(response.headers.get('Retry-After')),
    response.status
  );
}

/**
 * A `Retry-After` header in seconds: delay-seconds, or an HTTP-date from now. Undefined for
 * anything else, for a wait of none (a date past) and for a header absent.
 */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(?:\.\d+)?$/.test(value)) return positiveSeconds(Number(value));
  // An HTTP-date starts with the day's name ("Wed, 21 Oct 2015 07:28:00 GMT"); nothing else is read as a date.
  if (!/^[A-Za-z]{3}/.test(value)) return undefined;
  return positiveSeconds((Date.parse(value) - now) / 1000);
}

/** A wait in seconds a server asked for: a finite number above 0, at most `MAX_WAIT_MS`; undefined otherwise. */
function positiveSeconds(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  return Math.min(value, MAX_WAIT_MS / 1000);
}

/** An HTTP error code (400–599) as a number, or undefined. */
function errorCode(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599 ? value : undefined;
}

/** A field a server meant as text: strings as they are, numbers and booleans written out, anything else dropped. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() ? value : undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** The code, reason and message of an error: the response's code, and the body's words where they can be believed. */
function readStatus(status: KubeStatus, httpCode: number | undefined): {code: number; reason: string; message: string} {
  const bodyCode = typeof status.code === 'number' && Number.isInteger(status.code) ? status.code : undefined;
  const code = httpCode ?? bodyCode ?? 0;
  // A body whose code contradicts the response's speaks of some other failure: its reason isn't this one's.
  const bodyReason = bodyCode === undefined || bodyCode === code ? textOf(status.reason) : undefined;
  const reason = bodyReason ?? STATUS_REASONS[code] ?? 'Unknown';
  let message = textOf(status.message) ?? `${code || ''} ${reason}`.trim();
  if (message.length > MAX_MESSAGE_LENGTH) message = `${message.slice(0, MAX_MESSAGE_LENGTH)}…`;
  return {code, reason, message};
}

/** A Status body's details with its causes as a list of objects of text (a server may send anything there). */
function readDetails(details: unknown): KubeStatus['details'] {
  if (!isRecord(details)) return undefined;
  const {causes, ...rest} = details;
  if (causes === undefined) return rest as KubeStatus['details'];
  const read = (cause: Record<string, unknown>) => {
    const out: {reason?: string; message?: string; field?: string} = {};
    for (const key of ['reason', 'message', 'field'] as const) {
      const value = textOf(cause[key]);
      if (value !== undefined) out[key] = value;
    }
    return out;
  };
  return {...rest, causes: Array.isArray(causes) ? causes.filter(isRecord).map(read) : []} as KubeStatus['details'];
}

function summarizeBody(text: string) {
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > 300 ? `${plain.slice(0, 300)}…` : plain;
}

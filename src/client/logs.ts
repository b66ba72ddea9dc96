import {readLineBatches, readLines} from './line-reader.js';

/** Every query parameter of `GET …/pods/{name}/log`. */
export interface PodLogOptions {
  namespace: string;
  pod: string;
  container?: string;
  follow?: boolean;
  previous?: boolean;
  timestamps?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  /** RFC 3339 time, or a Date. Only one of `sinceSeconds` and `sinceTime` may be set. */
  sinceTime?: string | Date;
  limitBytes?: number;
  insecureSkipTLSVerifyBackend?: boolean;
  signal?: AbortSignal;
  /** Called once the server has answered and lines may start to arrive (a quiet follow sends none for a while). */
  onOpen?: () => void;
}

export function podLogQuery(options: PodLogOptions) {
  const sinceTime = options.sinceTime instanceof Date ? options.sinceTime.toISOString() : options.sinceTime;
  if (options.sinceSeconds !== undefined && sinceTime !== undefined) {
    throw new RangeError('Set only one of sinceSeconds and sinceTime');
  }
  return {
    container: options.container,
    follow: options.follow || undefined,
    previous: options.previous || undefined,
    timestamps: options.timestamps || undefined,
    tailLines: options.tailLines,
    sinceSeconds: options.sinceSeconds,
    sinceTime,
    limitBytes: options.limitBytes,
    insecureSkipTLSVerifyBackend: options.insecureSkipTLSVerifyBackend || undefined,
  };
}

/** A log line split into the server's RFC 3339 timestamp (with `timestamps=true`) and the text. */
export interface LogLine {
  timestamp?: string;
  text: string;
}

const TIMESTAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;

export function splitTimestamp(line: string): LogLine {
  const match = TIMESTAMP.exec(line);
  return match ? {timestamp: match[1], text: line.slice(match[0].length)} : {text: line};
}

/** Lines of a log response body, read incrementally. */
export function readLogLines(body: ReadableStream<Uint8Array>, signal?: AbortSignal) {
  return readLines(body, signal);
}

/** Lines of a log response body, one array per chunk received. */
export function readLogLineBatches(body: ReadableStream<Uint8Array>, signal?: AbortSignal) {
  return readLineBatches(body, signal);
}

import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {KubeClient} from '../client/kube-client.js';
import {FrameBatcher} from '../client/frame-batcher.js';
import {LogBuffer} from '../client/log-buffer.js';
import {compileSearch, lowerBound, searchLines, trimDropped, type LogMatcher, type LogSearchOptions} from '../client/log-search.js';
import {LogSources, type LogSource, type LogTarget} from '../client/log-sources.js';
import {isAbortError} from '../client/errors.js';

/** Which lines the view shows and which it finds. */
export interface LogViewQuery extends LogSearchOptions {
  query: string;
  /** Show only matching lines instead of finding them among all lines. */
  filter: boolean;
  /** Lowest severity rank shown: 0 all, 3 warnings and errors, 4 errors only. */
  minSeverity: number;
}

const EMPTY_QUERY: LogViewQuery = {query: '', filter: false, minSeverity: 0};

/**
 * Past this many new lines a frame the view redraws at most every FAST_REDRAW_MS: each redraw
 * shows a screenful of entirely new lines anyway, and half the redraws halve layout, paint and raster.
 */
const FAST_LINES = 200;
const FAST_REDRAW_MS = 30;

/**
 * Owns a log viewer's sources and its bounded buffer: appends every arriving line at once,
 * keeps the filtered and matching line lists up to date incrementally, and re-renders the host
 * at most once per animation frame however fast lines arrive.
 */
export class PodLogsController implements ReactiveController {
  buffer: LogBuffer;
  sources?: LogSources;
  /** Lines shown (`seq`s) when a filter is on; undefined means every buffered line. */
  private shown?: number[];
  /** Lines matching the search (`seq`s), in find mode and filter mode alike. */
  matches: number[] = [];
  matcher?: LogMatcher;
  /** While paused, lines arriving wait here (the view holds still); within `maxLines` like the buffer. */
  private held?: LogBuffer;
  private view: LogViewQuery = EMPTY_QUERY;
  private scanned = 0;
  private key?: string;
  private client?: KubeClient;
  private target?: LogTarget;
  private connected = false;
  private readonly batcher: FrameBatcher;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: () => {client?: KubeClient; target?: LogTarget; maxLines: number},
    scheduler?: ConstructorParameters<typeof FrameBatcher>[1]
  ) {
    this.buffer = new LogBuffer(capacityOf(config().maxLines));
    this.batcher = new FrameBatcher(() => this.flush(), scheduler);
    host.addController(this);
  }

  /** Work waits for the host's update: a framework sets properties just after connecting the element. */
  hostConnected() {
    this.connected = true;
    this.host.requestUpdate();
  }

  hostUpdate() {
    this.sync();
  }

  hostDisconnected() {
    this.connected = false;
    this.sources?.close();
    this.sources = undefined;
    this.key = undefined;
  }

  /** Reconnects everything, e.g. after the options changed or to retry after an error. */
  restart() {
    this.key = undefined;
    this.sync();
  }

  private sync() {
    if (!this.connected) return;
    const {client, target, maxLines} = this.config();
    const key = client && target ? JSON.stringify([target, maxLines]) : undefined;
    if (key === this.key && client === this.client) return;
    this.key = key;
    this.client = client;
    this.target = target;
    this.sources?.close();
    this.sources = undefined;
    this.buffer = new LogBuffer(capacityOf(maxLines));
    this.flushedTotal = 0;
    this.held = undefined;
    this.resetView();
    if (!client || !target) return;
    this.sources = new LogSources(client, target, {
      onLine: (source, text, time) => {
        (this.held ?? this.buffer).append(text, source, time);
        this.batcher.schedule();
      },
      onChange: () => this.batcher.schedule(),
    });
  }

  /** Changes the search, filter or severity; rescans the buffer once. */
  setView(view: LogViewQuery) {
    const same = view.query === this.view.query && !!view.regex === !!this.view.regex && !!view.caseSensitive === !!this.view.caseSensitive && view.filter === this.view.filter && view.minSeverity === this.view.minSeverity;
    if (same) return;
    this.view = view;
    this.resetView();
  }

  private resetView() {
    this.matcher = this.view.query ? compileSearch(this.view.query, this.view) : undefined;
    this.matches = [];
    this.shown = this.filtering ? [] : undefined;
    this.scanned = this.buffer.firstSeq;
    this.scan();
  }

  private get filtering() {
    return (this.view.filter && !!this.matcher) || this.view.minSeverity > 0;
  }

  /** Extends the shown and matching lists with lines appended since the last scan. */
  private scan() {
    const buffer = this.buffer;
    if (this.shown) trimDropped(this.shown, buffer.firstSeq);
    trimDropped(this.matches, buffer.firstSeq);
    const from = Math.max(this.scanned, buffer.firstSeq);
    const min = this.view.minSeverity;
    const keep = min > 0 ? (seq: number) => buffer.severityRank(seq) >= min : undefined;
    if (this.shown) searchLines(buffer, this.view.filter ? this.matcher : undefined, this.shown, from, keep);
    if (this.matcher && !this.matcher.error) {
      if (this.view.filter && this.shown) this.matches = this.shown;
      else searchLines(buffer, this.matcher, this.matches, from, keep);
    }
    this.scanned = buffer.total;
  }

  private flushedAt = -Infinity;
  private flushedTotal = 0;

  private flush() {
    const now = performance.now();
    if (this.buffer.total - this.flushedTotal > FAST_LINES && now - this.flushedAt < FAST_REDRAW_MS) {
      this.batcher.schedule();
      return;
    }
    this.flushedAt = now;
    this.flushedTotal = this.buffer.total;
    this.scan();
    this.host.requestUpdate();
  }

  /** How many lines the view shows. */
  get count(): number {
    return this.shown ? this.shown.length : this.buffer.size;
  }

  /** The `seq` of the i-th shown line. */
  seqAt(i: number): number {
    return this.shown ? this.shown[i]! : this.buffer.firstSeq + i;
  }

  /** The position in the view of a line, or -1 when it isn't shown. */
  indexOf(seq: number): number {
    if (!this.shown) return this.buffer.has(seq) ? seq - this.buffer.firstSeq : -1;
    const i = lowerBound(this.shown, seq);
    return this.shown[i] === seq ? i : -1;
  }

  get matchCount(): number {
    return this.matches.length;
  }

  get paused(): boolean {
    return this.held !== undefined;
  }

  /** Lines that arrived while paused (more than the held ones when over `maxLines`). */
  get waiting(): number {
    return this.held?.total ?? 0;
  }

  /** Pausing holds arriving lines aside; resuming appends them, counting those dropped meanwhile. */
  pause(on: boolean) {
    if (on) this.held ??= new LogBuffer(this.buffer.capacity);
    else if (this.held) {
      const held = this.held;
      this.held = undefined;
      this.buffer.skip(held.dropped);
      this.buffer.appendFrom(held);
      this.scan();
    }
    this.host.requestUpdate();
  }

  /** The shown lines as text, one per line, escape sequences removed. */
  shownText(format: (seq: number) => string): string {
    const parts: string[] = [];
    for (let i = 0, n = this.count; i < n; i++) parts.push(format(this.seqAt(i)));
    return parts.length ? parts.join('\n') + '\n' : '';
  }

  /**
   * The whole log of every source as the server keeps it (no follow, no tail), as one Blob.
   * Each source is read on its own: one that fails (a pod gone, a container not started, a 403)
   * is listed in `failed` and the rest still download; deleted pods have no log to fetch.
   */
  async fullLog(timestamps: boolean, signal?: AbortSignal): Promise<FullLog> {
    const {client, target} = this;
    const result: FullLog = {blob: new Blob([], {type: 'text/plain;charset=utf-8'}), read: 0, deleted: 0, failed: []};
    if (!client || !target || !this.sources) return result;
    const parts: string[] = [];
    const many = this.sources.sources.length > 1;
    for (const source of this.sources.sources) {
      if (source.status === 'deleted') {
        result.deleted++;
        continue;
      }
      const prefix = many ? `[${source.pod}/${source.container}] ` : '';
      const own: string[] = [];
      try {
        for await (const batch of client.podLogBatches(target.cluster, {namespace: source.namespace, pod: source.pod, container: source.container, previous: target.previous, timestamps, signal})) {
          own.push(batch.map((line) => prefix + line + '\n').join(''));
        }
      } catch (error) {
        if (signal?.aborted || isAbortError(error)) throw error;
        result.failed.push({source, error: error as Error});
        continue;
      }
      // A source that broke off midway adds nothing rather than a silently truncated part.
      parts.push(...own);
      result.read++;
    }
    result.blob = new Blob(parts, {type: 'text/plain;charset=utf-8'});
    return result;
  }
}

/** A buffer's capacity from `maxLines` (`max-lines="2.5"` reads as 2.5): whole lines, at least one. */
function capacityOf(maxLines: number) {
  return Math.max(1, Math.floor(maxLines));
}

/** A full-log download: the text of every source read, and the sources that could not be read. */
export interface FullLog {
  blob: Blob;
  /** How many sources were read. */
  read: number;
  /** Sources skipped because their pod was deleted (the server no longer has their log). */
  deleted: number;
  failed: Array<{source: LogSource; error: Error}>;
}

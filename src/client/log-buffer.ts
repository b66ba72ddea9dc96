import {decodeAnsi, encodeAnsi, type AnsiSegment} from './ansi.js';
import {detectSeverity, type Severity} from './log-severity.js';

/** One line as the view reads it. `seq` numbers lines from the first ever appended, dropped ones included. */
export interface BufferedLine {
  seq: number;
  /** The text without escape sequences, as search, severity and downloads read it. */
  text: string;
  /** Index into the sources the buffer's owner keeps (pod/container). */
  source: number;
  /** Milliseconds since the epoch, NaN when the server sent no timestamp. */
  time: number;
  severity: Severity;
}

const SEVERITY_CODES: readonly Severity[] = ['none', 'debug', 'info', 'warning', 'error'];
/** Severity is detected when first asked for (on screen or filtered), not for every line appended. */
const UNKNOWN = 255;

/**
 * A fixed-capacity ring of log lines: O(1) append, the oldest line dropped (and counted) when
 * full, per-line fields in typed arrays so a million lines cost little more than their text.
 * A line's escape sequences are parsed once, as it arrives: the ring keeps its plain text (what
 * search reads, so no search strips escapes) and its colours as compact runs (see `encodeAnsi`).
 */
export class LogBuffer {
  private texts: string[];
  /** Style runs per line, '' for an unstyled one. */
  private runs: string[];
  private sources: Uint16Array;
  private times: Float64Array;
  private severities: Uint8Array;
  private head = 0;
  private count = 0;
  private appended = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('LogBuffer capacity must be at least 1');
    this.texts = new Array<string>(capacity);
    this.runs = new Array<string>(capacity);
    this.sources = new Uint16Array(capacity);
    this.times = new Float64Array(capacity);
    this.severities = new Uint8Array(capacity);
  }

  /** Lines held now. */
  get size() {
    return this.count;
  }

  /** Lines appended since creation or `clear()`. */
  get total() {
    return this.appended;
  }

  /** Lines dropped because the buffer was full. */
  get dropped() {
    return this.appended - this.count;
  }

  /** The `seq` of the oldest line held. */
  get firstSeq() {
    return this.appended - this.count;
  }

  /** Appends a line as received, escape sequences and all; returns its `seq`. */
  append(text: string, source = 0, time = NaN): number {
    const {plain, runs} = encodeAnsi(text);
    return this.store(plain, runs, source, time);
  }

  private store(plain: string, runs: string, source: number, time: number): number {
    const slot = (this.head + this.count) % this.capacity;
    if (this.count === this.capacity) this.head = (this.head + 1) % this.capacity;
    else this.count++;
    this.texts[slot] = plain;
    this.runs[slot] = runs;
    this.sources[slot] = source;
    this.times[slot] = time;
    this.severities[slot] = UNKNOWN;
    return this.appended++;
  }

  /**
   * Counts `n` lines as appended and dropped without holding them (lost before they got here),
   * so later lines keep their numbers. A ring holds no gaps: the lines held before go too.
   */
  skip(n: number) {
    if (n <= 0) return;
    const appended = this.appended + n;
    this.clear();
    this.appended = appended;
  }

  /** Appends every line another buffer holds, oldest first, with its source, time and styles. */
  appendFrom(other: LogBuffer) {
    for (let seq = other.firstSeq; seq < other.total; seq++) {
      const from = other.slot(seq);
      this.store(other.texts[from]!, other.runs[from]!, other.sources[from]!, other.times[from]!);
    }
  }

  clear() {
    this.head = 0;
    this.count = 0;
    this.appended = 0;
    this.texts = new Array<string>(this.capacity);
    this.runs = new Array<string>(this.capacity);
  }

  has(seq: number) {
    return seq >= this.firstSeq && seq < this.appended;
  }

  private slot(seq: number) {
    return (this.head + (seq - this.firstSeq)) % this.capacity;
  }

  /** The line's text without escape sequences, as search, severity and downloads read it. */
  text(seq: number): string {
    return this.texts[this.slot(seq)]!;
  }

  /** The line as styled segments, for rendering. */
  segments(seq: number): AnsiSegment[] {
    const slot = this.slot(seq);
    return decodeAnsi({plain: this.texts[slot]!, runs: this.runs[slot]!});
  }

  severity(seq: number): Severity {
    return SEVERITY_CODES[this.severityRank(seq)]!;
  }

  /** 0 none, 1 debug, 2 info, 3 warning, 4 error: for fast comparisons in filters. */
  severityRank(seq: number): number {
    const slot = this.slot(seq);
    let rank = this.severities[slot]!;
    if (rank === UNKNOWN) {
      rank = this.severities[slot] = SEVERITY_CODES.indexOf(detectSeverity(this.texts[slot]!));
    }
    return rank;
  }

  line(seq: number): BufferedLine {
    const slot = this.slot(seq);
    return {seq, text: this.texts[slot]!, source: this.sources[slot]!, time: this.times[slot]!, severity: this.severity(seq)};
  }
}

export {SEVERITY_CODES};

import {hasEscape, stripAnsi} from './ansi.js';
import {detectSeverity, type Severity} from './log-severity.js';

/** One line as the view reads it. `seq` numbers lines from the first ever appended, dropped ones included. */
export interface BufferedLine {
  seq: number;
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
 */
export class LogBuffer {
  private texts: string[];
  /** Texts without escapes, kept once a line with escapes was searched, so the next search (each keystroke) skips stripping. */
  private plains: Array<string | undefined>;
  private sources: Uint16Array;
  private times: Float64Array;
  private severities: Uint8Array;
  /** 1 when the text holds escape sequences; search strips only those lines. */
  private escapes: Uint8Array;
  private head = 0;
  private count = 0;
  private appended = 0;

  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('LogBuffer capacity must be at least 1');
    this.texts = new Array<string>(capacity);
    this.plains = new Array<string | undefined>(capacity);
    this.sources = new Uint16Array(capacity);
    this.times = new Float64Array(capacity);
    this.severities = new Uint8Array(capacity);
    this.escapes = new Uint8Array(capacity);
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

  append(text: string, source = 0, time = NaN): number {
    const slot = (this.head + this.count) % this.capacity;
    if (this.count === this.capacity) this.head = (this.head + 1) % this.capacity;
    else this.count++;
    const escaped = hasEscape(text);
    this.texts[slot] = text;
    this.plains[slot] = undefined;
    this.sources[slot] = source;
    this.times[slot] = time;
    this.escapes[slot] = escaped ? 1 : 0;
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

  /** Appends every line another buffer holds, oldest first, with its source, time and escape flag. */
  appendFrom(other: LogBuffer) {
    for (let seq = other.firstSeq; seq < other.total; seq++) {
      const from = other.slot(seq);
      this.append(other.texts[from]!, other.sources[from], other.times[from]);
    }
  }

  clear() {
    this.head = 0;
    this.count = 0;
    this.appended = 0;
    this.texts = new Array<string>(this.capacity);
    this.plains = new Array<string | undefined>(this.capacity);
  }

  has(seq: number) {
    return seq >= this.firstSeq && seq < this.appended;
  }

  private slot(seq: number) {
    return (this.head + (seq - this.firstSeq)) % this.capacity;
  }

  text(seq: number): string {
    return this.texts[this.slot(seq)]!;
  }

  /** The text without escape sequences, as search and downloads see it. */
  plain(seq: number): string {
    const slot = this.slot(seq);
    if (!this.escapes[slot]) return this.texts[slot]!;
    return (this.plains[slot] ??= stripAnsi(this.texts[slot]!));
  }

  severity(seq: number): Severity {
    return SEVERITY_CODES[this.severityRank(seq)]!;
  }

  /** 0 none, 1 debug, 2 info, 3 warning, 4 error: for fast comparisons in filters. */
  severityRank(seq: number): number {
    const slot = this.slot(seq);
    let rank = this.severities[slot]!;
    if (rank === UNKNOWN) {
      rank = this.severities[slot] = SEVERITY_CODES.indexOf(detectSeverity(this.plain(seq)));
    }
    return rank;
  }

  line(seq: number): BufferedLine {
    const slot = this.slot(seq);
    return {seq, text: this.texts[slot]!, source: this.sources[slot]!, time: this.times[slot]!, severity: this.severity(seq)};
  }
}

export {SEVERITY_CODES};

import {html, nothing, type TemplateResult} from 'lit';
import {msg} from '@lit/localize';
import type {PodLogsController} from '../../controllers/pod-logs-controller.js';
import {formatTime, prettyJson, renderText, SOURCE_COLORS, type TimestampMode} from './log-view.js';

/** What a line looks like besides its own content. */
export interface LineOptions {
  logs: PodLogsController;
  /** Lines come from several containers (or pods), so each says which. */
  merged: boolean;
  timestamps: TimestampMode;
  prettyJson: boolean;
  locale: string;
}

/** A line as text, as "What is shown" downloads it: time, source in a merged view, text without escapes. */
export function plainLine(options: LineOptions, seq: number): string {
  const {logs, timestamps} = options;
  const line = logs.buffer.line(seq);
  const source = logs.sources?.sources[line.source];
  const time = timestamps ? formatTime(line.time, timestamps, options.locale) + ' ' : '';
  const prefix = options.merged && source ? `[${source.pod}/${source.container}] ` : '';
  return time + prefix + logs.buffer.text(seq);
}

/** The rows for the lines shown at positions `first` to before `last`; `currentSeq` is the current match's line. */
export function renderLines(options: LineOptions, first: number, last: number, currentSeq: number | undefined): TemplateResult[] {
  const rows: TemplateResult[] = [];
  for (let i = first; i < last; i++) rows.push(renderLine(options, options.logs.seqAt(i), options.logs.seqAt(i) === currentSeq));
  return rows;
}

/** What the log region says when it shows no lines. */
export function emptyText(buffered: boolean): string {
  if (buffered) return msg('No lines match.', {id: 'kube.podLogs.noMatch'});
  return msg('No log lines yet.', {id: 'kube.podLogs.empty'});
}

/** Severity in words for assistive technology; the colour and the line number's mark show it on screen. */
function severityMark(severity: string) {
  if (severity === 'error') return html`<span class="visually-hidden">${msg('Error:', {id: 'kube.podLogs.errorLine'})} </span>`;
  if (severity === 'warning') return html`<span class="visually-hidden">${msg('Warning:', {id: 'kube.podLogs.warningLine'})} </span>`;
  return nothing;
}

function renderLine(options: LineOptions, seq: number, current: boolean) {
  const {logs, timestamps} = options;
  const line = logs.buffer.line(seq);
  const source = options.merged ? logs.sources?.sources[line.source] : undefined;
  const pretty = options.prettyJson ? prettyJson(line.text) : undefined;
  return html`<div part=${current ? 'line current' : 'line'} data-seq=${seq} data-severity=${line.severity}>
      <span part="line-number" aria-hidden="true">${seq + 1}</span>${timestamps
        ? html`<span part="timestamp">${formatTime(line.time, timestamps, options.locale)}</span>`
        : nothing}${source
        ? html`<span part="source" class=${`source-${line.source % SOURCE_COLORS}`}>${source.pod}/${source.container}</span>`
        : nothing}${severityMark(line.severity)}<span part="text" class=${pretty ? 'json' : ''}>${pretty ?? renderText(logs.buffer.segments(seq), logs.matcher, current)}</span>
    </div>`;
}

import type {KubeActionFailure} from './events.js';
import {DrainIncompleteError} from './actions.js';
import type {DrainReport} from '../../client/actions/index.js';
import {drainBlockedText, drainBlockerText, drainLeftText, drainSkippedText, errorText, failureText, isLong, objectName, skippedText, successText, wholeErrorText} from './messages.js';

/** The inline result of the last action. */
export interface Outcome {
  tone: 'success' | 'error' | 'info';
  text: string;
  /** One line per object that failed (per pod a drain left), then the skipped count. */
  lines: string[];
  /** The lines whose server message `text` and `lines` show shortened, with the whole message. */
  whole?: string[];
}

/** Words for what an action did: done, or which objects failed and why (the server's message). */
export function describeOutcome(label: string, total: number, failures: readonly KubeActionFailure[], skipped: number, results: ReadonlyArray<{result: unknown}> = []): Outcome {
  const skippedLines = skipped ? [skippedText(skipped)] : [];
  // Pods a drain left on purpose, whether or not others failed.
  const drained = [...results.map(({result}) => result), ...failures.map(({error}) => (error instanceof DrainIncompleteError ? error.report : undefined))].filter(isDrainReport);
  const leftLines = drained.flatMap((report) => report.skipped.map((pod) => drainSkippedText(pod)));
  if (!failures.length) return {tone: 'success', text: successText(label, total), lines: [...leftLines, ...skippedLines]};
  // One node whose drain stopped before it began: say so, and which option each pod needs.
  const stopped = total === 1 && failures.length === 1 && failures[0]!.error instanceof DrainIncompleteError && failures[0]!.error.report.blocked.length ? failures[0]!.error.report : undefined;
  if (stopped) return {tone: 'error', text: drainBlockedText(stopped.node), lines: [...stopped.blocked.map((pod) => drainBlockerText(pod)), ...leftLines, ...skippedLines]};
  const lines = failures.flatMap(({reference, error}) =>
    error instanceof DrainIncompleteError
      ? [...error.report.blocked.map((pod) => drainBlockerText(pod)), ...error.report.failed.map((pod) => drainLeftText(pod))]
      : [`${objectName(reference)}: ${errorText(error)}`]
  );
  lines.push(...leftLines);
  const whole = failures.flatMap(({reference, error}) =>
    error instanceof DrainIncompleteError
      ? error.report.failed.filter((pod) => isLong(pod.message)).map((pod) => drainLeftText(pod, true))
      : isLong(error.message)
        ? [`${objectName(reference)}: ${wholeErrorText(error)}`]
        : []
  );
  const head = failureText(label, failures.length, total);
  // One object and one reason fit on one line.
  if (total === 1 && lines.length === 1 && !(failures[0]!.error instanceof DrainIncompleteError)) return {tone: 'error', text: `${head} ${lines[0]}`, lines: skippedLines, whole};
  return {tone: 'error', text: head, lines: [...lines, ...skippedLines], whole};
}

function isDrainReport(value: unknown): value is DrainReport {
  return typeof value === 'object' && value !== null && Array.isArray((value as DrainReport).evicted) && Array.isArray((value as DrainReport).skipped) && typeof (value as DrainReport).node === 'string';
}

import type {KubeActionFailure} from './events.js';
import {DrainIncompleteError} from './actions.js';
import {drainLeftText, errorText, failureText, objectName, skippedText, successText} from './messages.js';

/** The inline result of the last action. */
export interface Outcome {
  tone: 'success' | 'error' | 'info';
  text: string;
  /** One line per object that failed (per pod a drain left), then the skipped count. */
  lines: string[];
}

/** Words for what an action did: done, or which objects failed and why (the server's message). */
export function describeOutcome(label: string, total: number, failures: readonly KubeActionFailure[], skipped: number): Outcome {
  const skippedLines = skipped ? [skippedText(skipped)] : [];
  if (!failures.length) return {tone: 'success', text: successText(label, total), lines: skippedLines};
  const lines = failures.flatMap(({reference, error}) =>
    error instanceof DrainIncompleteError ? error.report.failed.map((pod) => drainLeftText(pod)) : [`${objectName(reference)}: ${errorText(error)}`]
  );
  const head = failureText(label, failures.length, total);
  // One object and one reason fit on one line.
  if (total === 1 && lines.length === 1 && !(failures[0]!.error instanceof DrainIncompleteError)) return {tone: 'error', text: `${head} ${lines[0]}`, lines: skippedLines};
  return {tone: 'error', text: head, lines: [...lines, ...skippedLines]};
}

import type {ReactiveController, ReactiveControllerHost} from 'lit';
import {msg, str} from '@lit/localize';
import {isAbortError} from '../../client/errors.js';
import {describeError} from '../../internal/describe-error.js';
import type {FullLog} from '../../controllers/pod-logs-controller.js';

export interface LogDownloadSource {
  /** The file name to save as. */
  fileName(): string;
  /** The lines shown, as text. */
  shownText(): string;
  /** The full log of every source, from the server. */
  fullLog(signal: AbortSignal): Promise<FullLog>;
}

/**
 * The download menu and its two choices: the lines shown, saved at once, or the full log read
 * from the server, whose note says what it left out or why it failed. Leaving the page stops it.
 */
export class LogDownloadController implements ReactiveController {
  private isOpen = false;
  private note?: string;
  private abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly source: LogDownloadSource
  ) {
    host.addController(this);
  }

  /** Whether the download menu is open. */
  get open() {
    return this.isOpen;
  }

  /** What the last full-log download left out or why it failed. */
  get error() {
    return this.note;
  }

  hostDisconnected() {
    this.abort?.abort();
    this.abort = undefined;
  }

  toggle() {
    this.set(!this.open, this.error);
  }

  /** Forgets the last note, e.g. when the view shows another pod. */
  clearError() {
    this.set(this.open, undefined);
  }

  async save(which: 'shown' | 'full') {
    this.set(false, undefined);
    if (which === 'shown') return saveBlob(new Blob([this.source.shownText()], {type: 'text/plain;charset=utf-8'}), this.source.fileName());
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    try {
      const result = await this.source.fullLog(abort.signal);
      if (abort.signal.aborted) return;
      if (result.read) saveBlob(result.blob, this.source.fileName());
      this.set(this.open, fullLogNote(result));
    } catch (error) {
      if (abort.signal.aborted || isAbortError(error)) return;
      this.set(this.open, downloadFailedText(error as Error));
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  /** Re-renders the host only when something changed, as reactive properties would. */
  private set(open: boolean, error: string | undefined) {
    if (open === this.isOpen && error === this.note) return;
    this.isOpen = open;
    this.note = error;
    this.host.requestUpdate();
  }
}

/** The file a download saves to: `<pod or workload>[-<container>].log`. */
export function logFileName(pod: string, name: string, container: string): string {
  return `${pod || name || 'logs'}${container && container !== '*' ? `-${container}` : ''}.log`;
}

/** Hands a Blob to the browser as a file download. */
export function saveBlob(blob: Blob, name: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Why nothing could be downloaded, in words. */
export function downloadFailedText(error: Error | undefined): string {
  return failedText(describeError(error, () => msg('Unknown error', {id: 'kube.podLogs.unknownError'})));
}

function failedText(reason: string) {
  return msg(str`Couldn't download the full log: ${reason}`, {id: 'kube.podLogs.downloadFailed'});
}

/** What a full-log download left out, or why there was none; undefined when everything was read. */
export function fullLogNote(result: FullLog): string | undefined {
  const {read, deleted, failed} = result;
  if (!read && failed.length) return downloadFailedText(failed[0]!.error);
  if (!read && deleted) return failedText(msg('The pod was deleted; its log ends here.', {id: 'kube.podLogs.deleted'}));
  if (!read) return failedText(msg('No pods match.', {id: 'kube.podLogs.noPods'}));
  if (!failed.length) return undefined;
  const n = failed.length;
  const names = failed.map(({source}) => `${source.pod}/${source.container}`).join(', ');
  return msg(str`Downloaded without ${n} containers that could not be read: ${names}`, {id: 'kube.podLogs.downloadPartial'});
}

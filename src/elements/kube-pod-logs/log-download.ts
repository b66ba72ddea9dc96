import {msg, str} from '@lit/localize';
import {describeError} from '../../internal/describe-error.js';
import type {FullLog} from '../../controllers/pod-logs-controller.js';

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

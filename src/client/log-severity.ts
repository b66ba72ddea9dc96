/** How serious a log line is, as far as its text tells. */
export type Severity = 'none' | 'debug' | 'info' | 'warning' | 'error';

const FIELD = /["']?(?:level|lvl|severity|loglevel)["']?\s*[:=]\s*["']?([A-Za-z]+)/i;
const KLOG = /^([EWIDF])\d{4} \d\d:\d\d:\d\d/;
const ERROR_WORD = /\b(?:ERROR|ERR|FATAL|PANIC|CRITICAL|CRIT|EMERG|ALERT|SEVERE)\b|\b(?:Error|Exception|Traceback)\b[:( ]/;
const WARNING_WORD = /\b(?:WARN|WARNING)\b|\bWarning:/;
const INFO_WORD = /\b(?:INFO|NOTICE)\b/;
const DEBUG_WORD = /\b(?:DEBUG|TRACE)\b/;

function fromName(name: string): Severity | undefined {
  const n = name.toLowerCase();
  if (/^(?:err|error|fatal|panic|crit|critical|emerg|alert|severe|dpanic)$/.test(n)) return 'error';
  if (/^(?:warn|warning)$/.test(n)) return 'warning';
  if (/^(?:info|notice|information)$/.test(n)) return 'info';
  if (/^(?:debug|trace|verbose)$/.test(n)) return 'debug';
  return undefined;
}

/** The severity of a line without escape sequences: a structured level field, a klog prefix, or a level word. */
export function detectSeverity(text: string): Severity {
  const field = FIELD.exec(text);
  if (field) {
    const severity = fromName(field[1]!);
    if (severity) return severity;
  }
  const klog = KLOG.exec(text);
  if (klog) return ({E: 'error', F: 'error', W: 'warning', I: 'info', D: 'debug'} as const)[klog[1] as 'E' | 'F' | 'W' | 'I' | 'D'];
  if (ERROR_WORD.test(text)) return 'error';
  if (WARNING_WORD.test(text)) return 'warning';
  if (INFO_WORD.test(text)) return 'info';
  if (DEBUG_WORD.test(text)) return 'debug';
  return 'none';
}

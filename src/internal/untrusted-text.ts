import {html, nothing} from 'lit';
import {msg} from '@lit/localize';

/**
 * Text from outside — an object's name, a namespace, a kind, what a user typed — put into a
 * sentence of ours, between First Strong Isolate and Pop Directional Isolate: what `<bdi>` does,
 * for text that can't hold elements (a `msg()` string, an attribute). Right-to-left text or a
 * bidirectional override (U+202E) inside can't reorder the words around it.
 */
export const isolate = (text: string | number) => `\u2068${text}\u2069`;

/** Text a user copied out of a sentence, without the isolates `isolate` put around a name. */
export const withoutIsolates = (text: string) => text.replace(/[\u2068\u2069]/g, '');

/** Characters of a server's message shown in place; the whole message is behind a disclosure. */
export const SHOWN_MESSAGE_LENGTH = 1000;

/** A message's first `max` characters and "…"; the message itself when it is no longer. */
export function shorten(text: string, max = SHOWN_MESSAGE_LENGTH): string {
  if (text.length <= max) return text;
  // Not between the two halves of a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

/** A server's message, shortened, isolated so that its direction stays its own. */
export function renderServerText(text: string) {
  return html`<bdi>${shorten(text)}</bdi>`;
}

/**
 * The whole of messages too long to show in place, behind a disclosure the keyboard reaches, in a
 * box that scrolls (and is a tab stop, to scroll by keyboard); nothing when every one was shown whole.
 */
export function renderWholeMessage(texts: string | readonly string[]) {
  const long = (typeof texts === 'string' ? [texts] : texts).filter((text) => text.length > SHOWN_MESSAGE_LENGTH);
  if (!long.length) return nothing;
  return html`<details part="whole-message">
    <summary>${msg('Show the whole message', {id: 'kube.message.showWhole', desc: "A server's message was too long to show in full; this opens all of it."})}</summary>
    <div class="whole-message" tabindex="0">${long.map((text) => html`<p><bdi>${text}</bdi></p>`)}</div>
  </details>`;
}

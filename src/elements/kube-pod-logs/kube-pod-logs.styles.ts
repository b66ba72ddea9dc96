import {css} from 'lit';
import {hostStyles} from '../../styles/host.styles.js';
import {toolbarStyles} from '../../styles/toolbar.styles.js';

export const podLogsStyles = [
  hostStyles,
  toolbarStyles,
  css`
    @layer kube {
      :host {
        display: block;
        --_height: var(--kube-pod-logs-height, 32rem);
        --_log-bg: var(--kube-pod-logs-background, var(--_bg-raised));
        --_error-bg: var(--kube-pod-logs-error-background, light-dark(#ffebe9, #3c1618));
        --_warning-bg: var(--kube-pod-logs-warning-background, light-dark(#fff8c5, #2e2a14));
        --_match-bg: var(--kube-pod-logs-match-background, light-dark(#fae17d, #6e5a00));
        --_ansi-0: var(--kube-pod-logs-ansi-0, light-dark(#24292f, #484f58));
        --_ansi-1: var(--kube-pod-logs-ansi-1, light-dark(#cf222e, #ff7b72));
        --_ansi-2: var(--kube-pod-logs-ansi-2, light-dark(#116329, #3fb950));
        --_ansi-3: var(--kube-pod-logs-ansi-3, light-dark(#7d4e00, #d29922));
        --_ansi-4: var(--kube-pod-logs-ansi-4, light-dark(#0550ae, #58a6ff));
        --_ansi-5: var(--kube-pod-logs-ansi-5, light-dark(#8250df, #bc8cff));
        --_ansi-6: var(--kube-pod-logs-ansi-6, light-dark(#1b7c83, #39c5cf));
        --_ansi-7: var(--kube-pod-logs-ansi-7, light-dark(#6e7781, #b1bac4));
        --_ansi-8: var(--kube-pod-logs-ansi-8, light-dark(#57606a, #6e7681));
        --_ansi-9: var(--kube-pod-logs-ansi-9, light-dark(#a40e26, #ffa198));
        --_ansi-10: var(--kube-pod-logs-ansi-10, light-dark(#1a7f37, #56d364));
        --_ansi-11: var(--kube-pod-logs-ansi-11, light-dark(#633c01, #e3b341));
        --_ansi-12: var(--kube-pod-logs-ansi-12, light-dark(#218bff, #79c0ff));
        --_ansi-13: var(--kube-pod-logs-ansi-13, light-dark(#a475f9, #d2a8ff));
        --_ansi-14: var(--kube-pod-logs-ansi-14, light-dark(#3192aa, #56d4dd));
        --_ansi-15: var(--kube-pod-logs-ansi-15, light-dark(#8c959f, #ffffff));
        background: var(--_bg);
      }
      [part~='field'] {
        display: inline-flex;
        align-items: center;
        gap: 0.25rem;
        color: var(--_fg-muted);
      }
      button {
        cursor: pointer;
      }
      button:disabled,
      button[aria-disabled='true'] {
        cursor: default;
        opacity: 0.5;
      }
      button[aria-pressed='true'] {
        background: var(--_accent);
        color: var(--_accent-fg);
        border-color: var(--_accent);
      }
      /* Forced colours drop the accent background: pressed toggles take the system's selection colours. */
      @media (forced-colors: active) {
        button[aria-pressed='true'] {
          forced-color-adjust: none;
          background: Highlight;
          color: HighlightText;
          border-color: Highlight;
        }
        button:disabled,
        button[aria-disabled='true'] {
          color: GrayText;
          border-color: GrayText;
        }
      }
      /* Wraps within the toolbar so a 320px viewport needs no sideways scrolling (WCAG 1.4.10). */
      [part~='search'] {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.25rem;
        max-width: 100%;
        min-width: 0;
      }
      [part~='search-input'] {
        min-width: 0;
        max-width: 100%;
      }
      [part~='search-input'][aria-invalid='true'] {
        border-color: var(--_danger);
      }
      [part~='match-count'] {
        color: var(--_fg-muted);
        min-width: 6rem;
      }
      [part~='download'] {
        position: relative;
      }
      [part~='download-menu'] {
        position: absolute;
        inset-inline-end: 0;
        z-index: 2;
        display: flex;
        flex-direction: column;
        gap: 0.25rem;
        padding: 0.25rem;
        background: var(--_bg);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        white-space: nowrap;
      }
      [part~='download-error'] {
        color: var(--_danger);
        margin: 0;
        padding-block: 0.25rem;
      }
      [part~='status'],
      [part~='dropped'] {
        color: var(--_fg-muted);
        padding-block: 0.25rem;
      }
      [part~='log'] {
        position: relative;
        overflow: auto;
        height: var(--_height);
        background: var(--_log-bg);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        font-family: var(--_font-mono);
        font-size: 0.8125rem;
        contain: strict;
      }
      [part~='spacer'] {
        position: relative;
        min-width: max-content;
      }
      .wrap [part~='spacer'] {
        min-width: 0;
      }
      [part~='lines'] {
        position: absolute;
        inset-inline: 0;
        top: 0;
      }
      /* One-line rows are plain blocks (the fields inline): cheaper to lay out every frame than flex rows. */
      [part~='line'] {
        /* No layout containment: it would turn long lines' overflow into ink and stop horizontal scrolling. */
        height: 20px;
        line-height: 20px;
        white-space: pre;
        padding-inline-end: var(--_space);
      }
      [part~='line-number'],
      [part~='timestamp'],
      [part~='source'] {
        display: inline-block;
        vertical-align: top;
        margin-inline-end: 0.75ch;
      }
      /* Wrapped rows keep every field in its column. */
      .wrap [part~='line'] {
        display: flex;
        gap: 0.75ch;
        height: auto;
        min-height: 20px;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      [part~='line'][data-severity='error'] {
        background: var(--_error-bg);
      }
      [part~='line'][data-severity='warning'] {
        background: var(--_warning-bg);
      }
      /* Not by colour alone (WCAG 1.4.1): a mark beside the number; the row says the severity in words to screen readers. */
      [part~='line'][data-severity='error'] [part~='line-number']::before {
        content: '✖' / '';
        float: inline-start;
        color: var(--_danger);
      }
      [part~='line'][data-severity='warning'] [part~='line-number']::before {
        content: '⚠' / '';
        float: inline-start;
      }
      [part~='line'][part~='current'] {
        outline: 1px solid var(--_accent);
        outline-offset: -1px;
      }
      .wrap [part~='line-number'],
      .wrap [part~='timestamp'],
      .wrap [part~='source'] {
        flex: none;
        margin-inline-end: 0;
      }
      [part~='line-number'] {
        min-width: 7ch;
        text-align: end;
        color: var(--_fg-muted);
        user-select: none;
        padding-inline-end: 0.5ch;
        border-inline-end: 1px solid var(--_border);
      }
      [part~='timestamp'] {
        color: var(--_fg-muted);
      }
      [part~='source'] {
        font-weight: 600;
      }
      /* Source colours keep 4.5:1 contrast on the plain, warning and error line backgrounds. */
      .source-0 {
        color: light-dark(#0550ae, #79c0ff);
      }
      .source-1 {
        color: light-dark(#116329, #56d364);
      }
      .source-2 {
        color: light-dark(#6639ba, #d2a8ff);
      }
      .source-3 {
        color: light-dark(#6c3f00, #e3b341);
      }
      .source-4 {
        color: light-dark(#0e5a60, #56d4dd);
      }
      .source-5 {
        color: light-dark(#a40e26, #ffa198);
      }
      .source-6 {
        color: light-dark(#0a3069, #a5d6ff);
      }
      .source-7 {
        color: light-dark(#7d2457, #ff9bce);
      }
      [part~='text'] {
        flex: 1 1 auto;
      }
      .json {
        white-space: pre;
      }
      mark {
        background: var(--_match-bg);
        color: inherit;
      }
      mark[part~='current-match'] {
        outline: 2px solid var(--_accent);
      }
      [part~='empty'] {
        position: absolute;
        inset: 0;
        display: grid;
        place-items: center;
        color: var(--_fg-muted);
        font-family: var(--_font);
      }
      [part~='error'],
      [part~='forbidden'],
      [part~='no-client'],
      [part~='no-cluster'],
      [part~='idle'] {
        padding: var(--_space);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      [part~='error'],
      [part~='forbidden'] {
        border-color: var(--_danger);
      }
      .state-title {
        font-weight: 600;
        margin: 0 0 0.25rem;
      }
      .state-detail {
        color: var(--_fg-muted);
      }
    }
  `,
];

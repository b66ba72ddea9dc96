import {css} from 'lit';
import {visuallyHidden} from '../../styles/host.styles.js';

export const actionBarStyles = css`
  @layer kube {
    :host {
      --_gap: var(--kube-action-bar-gap, calc(var(--_space) / 2));
      --_button-bg: var(--kube-action-bar-button-background, var(--_bg-raised));
      --_button-border: var(--kube-action-bar-button-border-color, var(--_border));
      --_danger-color: var(--kube-action-bar-danger-color, var(--_danger));
      --_dialog-width: var(--kube-action-bar-dialog-width, 28rem);
      display: block;
    }
    [part='base'] {
      position: relative;
      display: grid;
      gap: var(--_space);
    }
    [part='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_gap);
    }
    [part='item'] {
      position: relative;
      display: inline-flex;
    }
    [part~='action'],
    [part~='undo-button'],
    [part~='cancel'],
    [part~='confirm'] {
      display: inline-flex;
      align-items: center;
      gap: 0.35em;
      min-height: 2rem;
      padding: 0 var(--_space);
      font: inherit;
      color: var(--_fg);
      background: var(--_button-bg);
      border: 1px solid var(--_button-border);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    [part~='action-destructive']:not([aria-disabled='true']),
    [part~='confirm-destructive'] {
      color: var(--_danger-color);
    }
    [part~='confirm-destructive'] {
      border-color: var(--_danger-color);
    }
    [part~='action'][aria-disabled='true'] {
      color: var(--_fg-muted);
      cursor: not-allowed;
      border-style: dashed;
    }
    [part='count'] {
      color: var(--_fg-muted);
    }
    /* The reason appears beside a denied action on hover and focus; it is always its description. */
    [part='reason'] {
      position: absolute;
      inset-block-start: calc(100% + 4px);
      inset-inline-start: 0;
      z-index: 1;
      width: max-content;
      max-width: min(22rem, calc(100vw - 2rem));
      padding: calc(var(--_space) / 2) var(--_space);
      color: var(--_fg);
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      box-shadow: 0 2px 8px rgb(0 0 0 / 0.15);
      visibility: hidden;
    }
    /* Bridges the gap to the action, so the pointer can move onto the reason (WCAG 1.4.13). */
    [part='reason']::before {
      content: '';
      position: absolute;
      inset-block-end: 100%;
      inset-inline: 0;
      height: 5px;
    }
    [part='item']:hover [part='reason'],
    [part~='action']:focus-visible + [part='reason'] {
      visibility: visible;
    }
    /* Escape dismissed it (WCAG 1.4.13). */
    [part='toolbar'][data-reason-dismissed] [part='item'] [part='reason'] {
      visibility: hidden;
    }
    [part='message'] {
      margin: 0;
      color: var(--_fg-muted);
    }
    [part='undo'] {
      display: flex;
      align-items: center;
      gap: var(--_space);
      padding: calc(var(--_space) / 2) var(--_space);
      background: var(--_bg-raised);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    /* Empty live regions stay in the accessibility tree, so what is put in them is announced; only unseen. */
    [part='status']:empty,
    [part='alert']:empty {
      ${visuallyHidden}
    }
    /* A server's message may be long and unbroken (a token, a base64 blob): it wraps anywhere rather than widen the page. */
    [part='base'] > * {
      min-width: 0;
    }
    [part='message'],
    [part='reason'],
    [part='status'],
    [part='alert'],
    [part='result-list'],
    [part='whole-message'] {
      overflow-wrap: anywhere;
    }
    [part='undo'] > span {
      min-width: 0;
      overflow-wrap: anywhere;
    }
    [part='result'][data-tone='success'] {
      color: var(--_success);
    }
    [part='result'][data-tone='error'] {
      color: var(--_danger-color);
    }
    [part='result-list'] {
      margin: calc(var(--_space) / 2) 0 0;
      padding-inline-start: 1.25rem;
      color: var(--_fg);
    }
    [part='dialog'] {
      width: min(var(--_dialog-width), calc(100vw - 2rem));
      padding: calc(var(--_space) * 2);
      color: var(--_fg);
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    [part='dialog']::backdrop {
      background: rgb(0 0 0 / 0.4);
    }
    [part='dialog-form'] {
      display: grid;
      gap: var(--_space);
    }
    [part='dialog-title'] {
      margin: 0;
      font-size: 1.125rem;
    }
    [part='dialog-message'],
    [part='hint'] {
      margin: 0;
    }
    [part='hint'] {
      color: var(--_fg-muted);
    }
    [part='dialog-targets'] {
      margin: 0;
      padding-inline-start: 1.25rem;
      font-family: var(--_font-mono);
    }
    [part='field'] {
      font: inherit;
      padding: calc(var(--_space) / 2);
      color: var(--_fg);
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    textarea[part='field'] {
      font-family: var(--_font-mono);
    }
    [part='field-label'] {
      font-weight: 600;
    }
    [part='options'] {
      display: grid;
      gap: calc(var(--_space) / 2);
      margin: 0;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    [part='option'] {
      display: flex;
      align-items: baseline;
      gap: calc(var(--_space) / 2);
    }
    [part='dialog-error'] {
      margin: 0;
      color: var(--_danger-color);
    }
    [part='dialog-error']:empty {
      display: none;
    }
    [part='dialog-buttons'] {
      display: flex;
      justify-content: flex-end;
      gap: var(--_space);
    }
    /* System colours replace the danger and muted colours: say denied and destructive otherwise. */
    @media (forced-colors: active) {
      [part~='action'][aria-disabled='true'] {
        color: GrayText;
        border-color: GrayText;
      }
      [part~='action-destructive']:not([aria-disabled='true']),
      [part~='confirm-destructive'] {
        border-width: 2px;
      }
    }
  }
`;

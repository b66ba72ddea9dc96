import {css} from 'lit';
import {wholeMessageStyles} from '../../styles/whole-message.styles.js';
import {hostStyles} from '../../styles/host.styles.js';
import {toolbarStyles} from '../../styles/toolbar.styles.js';

export const resourceListStyles = [
  hostStyles,
  toolbarStyles,
  wholeMessageStyles,
  css`
    @layer kube {
      :host {
        display: block;
        --_height: var(--kube-resource-list-height, 32rem);
        --_header-bg: var(--kube-resource-list-header-background, var(--_bg-raised));
        --_row-hover: var(--kube-resource-list-row-hover-background, light-dark(#eef1f4, #1c232c));
        --_row-selected: var(--kube-resource-list-row-selected-background, light-dark(#ddf4ff, #12294a));
        --_list-border: var(--kube-resource-list-border-color, var(--_border));
        --_cell-padding: var(--kube-resource-list-cell-padding, 0 var(--_space));
        background: var(--_bg);
      }
      /* Wide enough for their placeholders; narrow hosts wrap the toolbar instead. */
      [part~='filter'] {
        width: min(19rem, 100%);
      }
      [part~='label-selector'] {
        width: min(15rem, 100%);
      }
      [part~='count'],
      [part~='progress'] {
        color: var(--_fg-muted);
        margin-inline-start: auto;
      }
      [part~='table'] {
        position: relative;
        overflow: auto;
        /* As high as its rows, up to the host's height: the body's own height says how high they are.
           (A custom property that changed with every page would restyle every row and cell in view.) */
        max-height: var(--_height);
        border: 1px solid var(--_list-border);
        border-radius: var(--_radius);
        contain: content;
      }
      [part~='header'] {
        position: sticky;
        top: 0;
        z-index: 1;
        background: var(--_header-bg);
        border-block-end: 1px solid var(--_list-border);
      }
      [part~='header-row'],
      [part~='row'] {
        display: grid;
        grid-template-columns: var(--_columns);
        align-items: center;
        min-width: var(--_min-width);
      }
      [part~='header-cell'] {
        padding: var(--_cell-padding);
        font-weight: 600;
        white-space: nowrap;
        overflow: hidden;
      }
      [part~='sort-button'] {
        all: unset;
        cursor: pointer;
        display: inline-flex;
        gap: 0.25rem;
        align-items: center;
        padding-block: 0.5rem;
        max-width: 100%;
      }
      /* Inside the button: the header cell clips what overflows it, and the scroller clips above the header. */
      [part~='sort-button']:focus-visible,
      [part~='header-cell']:focus-visible {
        outline: 2px solid var(--_focus);
        outline-offset: -2px;
      }
      [part~='body'] {
        position: relative;
        min-width: var(--_min-width);
      }
      [part~='row'] {
        position: absolute;
        inset-inline: 0;
        top: 0;
        height: var(--_row-height);
        box-sizing: border-box;
        border-block-end: 1px solid var(--_list-border);
        cursor: default;
      }
      [part~='row']:hover {
        background: var(--_row-hover);
      }
      [part~='row'][aria-selected='true'] {
        background: var(--_row-selected);
      }
      [part~='row']:focus-visible {
        outline-offset: -2px;
      }
      [part~='cell'] {
        padding: var(--_cell-padding);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      [part~='cell'][data-numeric] {
        text-align: end;
        font-variant-numeric: tabular-nums;
      }
      [part~='status-badge'] {
        display: inline-flex;
        align-items: center;
        gap: 0.375rem;
        padding: 0 0.5rem;
        border: 1px solid currentColor;
        border-radius: 999px;
        line-height: 1.5;
      }
      [part~='status-badge']::before {
        content: '';
        width: 0.5rem;
        height: 0.5rem;
        border-radius: 50%;
        background: var(--_tone);
      }
      [part~='status-badge'] {
        border-color: var(--_tone);
      }
      [data-tone='success'] {
        --_tone: var(--_success);
      }
      [data-tone='warning'] {
        --_tone: var(--_warning);
      }
      [data-tone='danger'] {
        --_tone: var(--_danger);
      }
      [data-tone='neutral'] {
        --_tone: var(--_fg-muted);
      }
      [part~='loading'],
      [part~='empty'],
      [part~='error'],
      [part~='forbidden'],
      [part~='no-client'],
      [part~='no-cluster'] {
        padding: calc(var(--_space) * 2);
        border: 1px solid var(--_list-border);
        border-radius: var(--_radius);
      }
      [part~='error'],
      [part~='forbidden'] {
        border-inline-start: 4px solid var(--_danger);
      }
      [part~='reconnecting'],
      [part~='partial'] {
        padding: var(--_space);
        margin-block-end: var(--_space);
        border: 1px solid var(--_warning);
        border-radius: var(--_radius);
      }
      /* A server's message may be long and unbroken (a token, a base64 blob): it wraps anywhere rather than widen the page. */
      [part~='error'],
      [part~='forbidden'],
      [part~='reconnecting'],
      [part~='partial'] {
        overflow-wrap: anywhere;
        min-width: 0;
      }
      [part~='partial'] p {
        margin: 0;
      }
      [part~='partial'] .state-detail {
        margin: 0;
      }
      [part~='reconnecting'] .state-detail {
        display: block;
      }
      .state-title {
        font-weight: 600;
        margin: 0 0 0.25rem;
      }
      .state-detail {
        margin: 0.25rem 0 0;
        color: var(--_fg-muted);
      }
      code {
        font-family: var(--_font-mono);
      }
      /* Forced colours (Windows High Contrast) drop backgrounds: a selected row is shown as the system
         shows a selection, and what is drawn in colour only gets a system colour that shows. */
      @media (forced-colors: active) {
        [part~='row'][aria-selected='true'] {
          forced-color-adjust: none;
          background: Highlight;
          color: HighlightText;
        }
        [part~='row'][aria-selected='true'] [part~='status-badge'] {
          border-color: HighlightText;
        }
        [part~='row'][aria-selected='true']:focus-visible {
          outline-color: HighlightText;
        }
        [part~='row']:focus-visible,
        [part~='sort-button']:focus-visible,
        [part~='header-cell']:focus-visible {
          outline-color: Highlight;
        }
        /* The text says the status; the dot would otherwise vanish into the background. */
        [part~='status-badge']::before {
          forced-color-adjust: none;
          background: currentColor;
        }
      }
    }
  `,
];

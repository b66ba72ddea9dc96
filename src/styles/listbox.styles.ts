import {css} from 'lit';

/**
 * The pickers' shared frame and drop-down: label over control, the open indicator, the listbox
 * and its options, and the status line under it. Reads the
 * `--_picker-*` private properties each picker maps from its public tokens.
 */
export const listboxStyles = css`
  @layer kube {
    [part='base'] {
      display: grid;
      gap: calc(var(--_space) / 2);
    }
    [part='label'] {
      font-weight: 600;
    }
    [part='control'] {
      position: relative;
    }
    :host(:state(open)) [part='indicator'] {
      transform: rotate(180deg);
    }
    [part='listbox'] {
      position: absolute;
      z-index: 10;
      inset-inline: 0;
      top: calc(100% + 2px);
      max-height: var(--_picker-max-height);
      overflow: auto;
      margin: 0;
      padding: 2px;
      background: var(--_picker-bg);
      border: 1px solid var(--_picker-border);
      border-radius: var(--_radius);
      box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
    }
    [part='listbox'][hidden] {
      display: none;
    }
    [part~='option'] {
      display: grid;
      grid-template-columns: auto 1fr;
      column-gap: var(--_space);
      align-items: center;
      padding: calc(var(--_space) / 2) var(--_space);
      border-radius: calc(var(--_radius) - 2px);
      cursor: pointer;
    }
    [part~='option'][aria-selected='true'] {
      font-weight: 600;
    }
    [part~='option-active'] {
      background: var(--_picker-option-active);
      outline: 2px solid var(--_focus);
      outline-offset: -2px;
    }
    [part='status'] {
      color: var(--_fg-muted);
      font-size: 0.85em;
    }
    :host(:state(error)) [part='status'] {
      color: var(--_danger);
    }
    @media (forced-colors: active) {
      [part~='option-active'] {
        outline-color: Highlight;
      }
    }
  }
`;

import {css} from 'lit';

export const clusterPickerStyles = css`
  @layer kube {
    :host {
      --_picker-width: var(--kube-cluster-picker-width, 18rem);
      --_picker-bg: var(--kube-cluster-picker-background, var(--_bg));
      --_picker-border: var(--kube-cluster-picker-border-color, var(--_border));
      --_picker-option-active: var(--kube-cluster-picker-option-active-background, var(--_bg-raised));
      --_picker-max-height: var(--kube-cluster-picker-max-height, 18rem);
      --_picker-reachable: var(--kube-cluster-picker-reachable-color, var(--_success));
      --_picker-unreachable: var(--kube-cluster-picker-unreachable-color, var(--_danger));
      display: inline-block;
      width: var(--_picker-width);
      max-width: 100%;
    }
    [part='trigger'] {
      display: flex;
      align-items: center;
      gap: var(--_space);
      width: 100%;
      min-height: 2.25rem;
      padding: calc(var(--_space) / 2) var(--_space);
      font: inherit;
      color: var(--_fg);
      text-align: start;
      background: var(--_picker-bg);
      border: 1px solid var(--_picker-border);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    [part='trigger']:disabled {
      cursor: not-allowed;
      color: var(--_fg-muted);
    }
    [part='trigger']:focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 1px;
    }
    [part='value'] {
      flex: 1;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    [part~='detail'] {
      color: var(--_fg-muted);
      font-size: 0.85em;
      white-space: nowrap;
    }
    [part~='detail'][data-reach='unreachable'] {
      color: var(--_picker-unreachable);
    }
    [part='indicator'] {
      flex: none;
      transition: transform 0.15s;
    }
    [part~='option'] [part~='detail'] {
      grid-column: 2;
      white-space: normal;
    }
    [part='dot'] {
      width: 0.6em;
      height: 0.6em;
      border-radius: 50%;
      background: var(--_fg-muted);
    }
    [part='dot'][data-reach='reachable'] {
      background: var(--_picker-reachable);
    }
    [part='dot'][data-reach='unreachable'] {
      background: var(--_picker-unreachable);
    }
  }
`;

import {css} from 'lit';

export const namespacePickerStyles = css`
  @layer kube {
    :host {
      --_picker-width: var(--kube-namespace-picker-width, 18rem);
      --_picker-bg: var(--kube-namespace-picker-background, var(--_bg));
      --_picker-border: var(--kube-namespace-picker-border-color, var(--_border));
      --_picker-option-active: var(--kube-namespace-picker-option-active-background, var(--_bg-raised));
      --_picker-max-height: var(--kube-namespace-picker-max-height, 18rem);
      display: inline-block;
      width: var(--_picker-width);
      max-width: 100%;
    }
    [part='field'] {
      display: flex;
      align-items: stretch;
      background: var(--_picker-bg);
      border: 1px solid var(--_picker-border);
      border-radius: var(--_radius);
    }
    [part='field']:focus-within {
      outline: 2px solid var(--_focus);
      outline-offset: 1px;
    }
    [part='input'] {
      flex: 1;
      min-width: 0;
      /* With the field's border, as tall as the cluster picker's button: the two sit side by side. */
      box-sizing: border-box;
      min-height: calc(2.25rem - 2px);
      padding: calc(var(--_space) / 2) var(--_space);
      font: inherit;
      color: var(--_fg);
      background: transparent;
      border: 0;
      border-radius: var(--_radius);
    }
    [part='input']:focus-visible {
      outline: none;
    }
    [part='input']::placeholder {
      color: var(--_fg-muted);
    }
    [part='input']:disabled {
      cursor: not-allowed;
    }
    [part='toggle'] {
      flex: none;
      padding: 0 var(--_space);
      font: inherit;
      color: var(--_fg);
      background: transparent;
      border: 0;
      border-radius: var(--_radius);
      cursor: pointer;
    }
    [part='toggle']:disabled {
      cursor: not-allowed;
      color: var(--_fg-muted);
    }
    [part='indicator'] {
      display: inline-block;
      transition: transform 0.15s;
    }
    [part='check'] {
      width: 1em;
      text-align: center;
    }
    [part~='option-all'] {
      font-style: italic;
    }
    :host(:state(limited)) [part='status'] {
      color: var(--_warning);
    }
  }
`;

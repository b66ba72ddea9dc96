import {css} from 'lit';

/**
 * The row of controls above a list or a log: wraps on narrow hosts, one spacing token between
 * controls, and text fields framed like the rest of the elements — as is a state's retry button.
 */
export const toolbarStyles = css`
  @layer kube {
    [part~='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
      padding-block-end: var(--_space);
    }
    [part~='toolbar'] :is(input, select, button),
    button[part~='retry'] {
      font: inherit;
      color: var(--_fg);
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.25rem 0.5rem;
    }
  }
`;

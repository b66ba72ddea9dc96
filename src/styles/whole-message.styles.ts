import {css} from 'lit';

/** The disclosure holding a server message too long to show whole (`renderWholeMessage`). */
export const wholeMessageStyles = css`
  @layer kube {
    [part~='whole-message'] summary {
      cursor: pointer;
      width: fit-content;
    }
    .whole-message {
      max-height: 12rem;
      overflow: auto;
      margin-block-start: 0.25rem;
      padding: 0.25rem 0.5rem;
      font-family: var(--_font-mono);
      font-size: 0.875em;
      white-space: pre-wrap;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .whole-message p {
      margin: 0;
    }
  }
`;

import {css} from 'lit';

/** Declarations that keep an element in the accessibility tree and off the screen (`.visually-hidden`). */
export const visuallyHidden = css`
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
`;

/**
 * The base every element's styles start from: public `--kube-*` tokens mapped to private `--_*`
 * ones, light and dark through the `color-scheme` inherited from the page (so dark follows the OS
 * only on pages that declare `color-scheme: light dark`), unless `.kube-light`/`.kube-dark` is set
 * on an ancestor or `theme="light|dark"` on the element.
 */
export const hostStyles = css`
  @layer kube {
    /* No color-scheme of its own: elements that paint no background (the pickers, the action bar) sit on the page's. */
    :host {
      --_font: var(--kube-font-family, system-ui, sans-serif);
      --_font-mono: var(--kube-font-family-mono, ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace);
      --_font-size: var(--kube-font-size, 0.875rem);
      --_fg: var(--kube-color-text, light-dark(#1f2328, #e6edf3));
      --_fg-muted: var(--kube-color-text-muted, light-dark(#59636e, #9198a1));
      --_bg: var(--kube-color-surface, light-dark(#ffffff, #0d1117));
      --_bg-raised: var(--kube-color-surface-raised, light-dark(#f6f8fa, #151b23));
      --_border: var(--kube-color-border, light-dark(#d1d9e0, #3d444d));
      --_accent: var(--kube-color-accent, light-dark(#0969da, #4493f8));
      /* Dark text on the light dark-mode accent: 6.1:1 (white on it is 3.1:1). */
      --_accent-fg: var(--kube-color-on-accent, light-dark(#ffffff, #0d1117));
      --_focus: var(--kube-color-focus, light-dark(#0969da, #4493f8));
      --_success: var(--kube-color-success, light-dark(#1a7f37, #3fb950));
      --_warning: var(--kube-color-warning, light-dark(#9a6700, #d29922));
      --_danger: var(--kube-color-danger, light-dark(#cf222e, #f85149));
      --_radius: var(--kube-radius, 6px);
      --_space: var(--kube-space, 0.5rem);
      font-family: var(--_font);
      font-size: var(--_font-size);
      color: var(--_fg);
    }
    :host([hidden]) {
      display: none !important;
    }
    /* Text for assistive technology only. */
    .visually-hidden {
      ${visuallyHidden}
    }
    :host([theme='light']),
    :host-context(.kube-light) {
      color-scheme: light;
    }
    :host([theme='dark']),
    :host-context(.kube-dark) {
      color-scheme: dark;
    }
    /* A theme set on the element alone may differ from the page's: it paints its own surface. */
    :host([theme='light']),
    :host([theme='dark']) {
      background: var(--_bg);
    }
    :focus-visible {
      outline: 2px solid var(--_focus);
      outline-offset: 1px;
    }
    @media (prefers-reduced-motion: reduce) {
      * {
        transition: none !important;
        animation: none !important;
      }
    }
  }
`;

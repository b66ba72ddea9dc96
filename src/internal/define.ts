import {VERSION} from './version.js';

type Versioned = CustomElementConstructor & {version?: string};

/**
 * Registers an element once. When another copy of the library already registered the tag (two
 * portals' bundles on one page), warn with both versions instead of throwing.
 */
export function defineElement(tag: string, constructor: Versioned) {
  const existing = customElements.get(tag) as Versioned | undefined;
  if (!existing) {
    customElements.define(tag, constructor);
    return;
  }
  if (existing !== constructor) {
    console.warn(
      `<${tag}> is already defined by kube-elements ${existing.version ?? '(unknown version)'}; ` +
        `this copy (${VERSION}) keeps that definition. Load one copy of kube-elements per page.`
    );
  }
}

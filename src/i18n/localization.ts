import {configureLocalization} from '@lit/localize';
import {allLocales, sourceLocale, targetLocales} from '../generated/locale-codes.js';

/** The locales kube-elements ships, and how to load each one's translated templates. */
export const kubeLocales = allLocales;

/**
 * Loaders for the library's translated templates, keyed by locale. A host with its own
 * `@lit/localize` setup merges these into its `loadLocale`:
 *
 * ```ts
 * loadLocale: async (locale) => ({...(await kubeLocaleLoaders[locale]?.())?.templates, ...(await mine(locale)).templates})
 * ```
 */
export const kubeLocaleLoaders: Record<string, () => Promise<{templates: Record<string, unknown>}>> = {
  de: () => import('../generated/locales/de.js'),
};

/**
 * Opt-in: makes kube-elements follow `setLocale()` in a page that has no `@lit/localize` setup of
 * its own. Never called on import — `configureLocalization` is page-global and may be the host's.
 */
export function configureKubeLocalization() {
  return configureLocalization({
    sourceLocale,
    targetLocales,
    loadLocale: (locale) => kubeLocaleLoaders[locale]!() as never,
  });
}

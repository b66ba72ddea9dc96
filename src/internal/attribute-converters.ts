import type {ComplexAttributeConverter} from 'lit';

/**
 * Attribute converters for what removing an attribute means. Lit's default turns a removed
 * attribute into `null`, which is neither a property's default nor "unset": a list whose `sort`
 * attribute a host removes would read `null.trim()`, and a `namespace` removed would read as
 * "all namespaces" instead of the provider's.
 */

/** An attribute whose absence means "not set here" (inherit from the provider): removed, it is `undefined`. */
export const unsetWhenRemoved: ComplexAttributeConverter<string | undefined> = {
  fromAttribute: (value) => value ?? undefined,
};

/** A string attribute with a default that removing the attribute brings back. */
export function textOr(fallback: string): ComplexAttributeConverter<string> {
  return {fromAttribute: (value) => value ?? fallback};
}

/** A number attribute: removed, or not a number in `[min, ∞)`, it is the default. */
export function numberOr(fallback: number, min = 0): ComplexAttributeConverter<number> {
  return {
    fromAttribute: (value) => {
      const number = value === null || value.trim() === '' ? NaN : Number(value);
      return Number.isFinite(number) && number >= min ? number : fallback;
    },
  };
}

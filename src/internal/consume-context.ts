import {ContextEvent, consume, type Context} from '@lit/context';
import type {ReactiveElement} from 'lit';

/**
 * `@consume({context, subscribe: true})` that lets go of the value when the element connects where
 * no provider answers. @lit/context keeps a consumer's last value, so a list moved out of every
 * `<kube-provider>` would go on listing through the last one's client; now it is unset, as in a
 * page without a provider.
 */
export function consumeContext<V>(context: Context<unknown, V>) {
  const decorate = consume({context, subscribe: true});
  return (proto: ReactiveElement, name: string) => {
    decorate(proto as never, name as never);
    // Added after the consumer, so this runs once the consumer has asked (providers answer at once).
    (proto.constructor as typeof ReactiveElement).addInitializer((element) => {
      element.addController({
        hostConnected() {
          let answered = false;
          element.dispatchEvent(new ContextEvent(context, element, () => (answered = true)));
          if (!answered) (element as unknown as Record<string, unknown>)[name] = undefined;
        },
      });
    });
  };
}

import {LitElement} from 'lit';
import {VERSION} from './version.js';

/**
 * The thin base of every kube-* element: the library version, and custom states through
 * `ElementInternals` so pages can style `:state(loading)`. Behaviour lives in controllers.
 */
export class KubeElement extends LitElement {
  static readonly version = VERSION;

  protected readonly internals: ElementInternals = this.attachInternals();

  /** Turns a custom state on or off (`:host(:state(name))`, `kube-x:state(name)`). */
  protected toggleState(name: string, on: boolean) {
    const states = this.internals.states;
    if (!states) return;
    if (on) states.add(name);
    else states.delete(name);
  }

  /** Dispatches a kube-* event; returns false when a listener cancelled it. */
  protected emit(event: Event): boolean {
    return this.dispatchEvent(event);
  }

  /** Whether a custom state is on. */
  hasState(name: string): boolean {
    return this.internals.states?.has(name) ?? false;
  }
}

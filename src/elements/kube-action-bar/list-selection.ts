import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {ObjectReference} from '../../client/types.js';

type SelectingList = Element & {selected?: ObjectReference[]};

/**
 * Follows the selection of a `<kube-resource-list>` found by id in the host's document or shadow
 * root: reads `selected` when it binds, then every `kube-selection-change` from an element with
 * that id. It listens on the root, not the list, so a list added (or replaced) after the bar
 * connected is followed too.
 */
export class ListSelectionController implements ReactiveController {
  selection: readonly ObjectReference[] = [];
  private root?: Document | ShadowRoot;
  private id?: string;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly listId: () => string | undefined
  ) {
    host.addController(this);
  }

  hostConnected() {
    this.bind();
  }

  hostUpdate() {
    if (this.listId() !== this.id) this.bind();
  }

  hostDisconnected() {
    this.unbind();
    this.id = undefined;
  }

  private readonly onChange = (event: Event) => {
    if (!this.id || (event.target as Element | null)?.id !== this.id) return;
    this.selection = [...((event as Event & {references?: readonly ObjectReference[]}).references ?? [])];
    this.host.requestUpdate();
  };

  private bind() {
    this.unbind();
    this.id = this.listId();
    this.selection = [];
    if (!this.id) return;
    const root = this.host.getRootNode() as Document | ShadowRoot;
    this.root = root;
    root.addEventListener('kube-selection-change', this.onChange);
    this.read();
    // A list written after the bar in static HTML is not parsed yet: read its selection once it is.
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => this.host.isConnected && this.read(), {once: true});
  }

  private read() {
    const list = (this.id && (this.root?.getElementById?.(this.id) as SelectingList | null)) || undefined;
    if (!list?.selected) return;
    this.selection = [...list.selected];
    this.host.requestUpdate();
  }

  private unbind() {
    this.root?.removeEventListener('kube-selection-change', this.onChange);
    this.root = undefined;
  }
}

import type {ReactiveController, ReactiveControllerHost} from 'lit';
import type {ObjectReference} from '../../client/types.js';

type SelectingList = Element & {selected?: ObjectReference[]};

/**
 * Follows the selection of a `<kube-resource-list>` found by id in the host's document or shadow
 * root: reads `selected` when it binds, then every `kube-selection-change`.
 */
export class ListSelectionController implements ReactiveController {
  selection: readonly ObjectReference[] = [];
  private list?: SelectingList;
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
    this.selection = [...((event as Event & {references?: readonly ObjectReference[]}).references ?? [])];
    this.host.requestUpdate();
  };

  private bind() {
    this.unbind();
    this.id = this.listId();
    this.selection = [];
    if (!this.id) return;
    const root = this.host.getRootNode() as Document | ShadowRoot;
    const list = root.getElementById?.(this.id) ?? undefined;
    if (!list) {
      // A list written after the bar in static HTML is not parsed yet.
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => this.host.isConnected && this.bind(), {once: true});
      return;
    }
    this.list = list;
    list.addEventListener('kube-selection-change', this.onChange);
    this.selection = [...(this.list.selected ?? [])];
  }

  private unbind() {
    this.list?.removeEventListener('kube-selection-change', this.onChange);
    this.list = undefined;
  }
}

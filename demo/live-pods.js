// Shows the shared client used from a plain script: a live pod table fed by the provider's
// informer. Plain DOM, text only (names and statuses are never parsed as HTML).

/** Waits until a provider has its client and cluster, then keeps `table` in sync with its pods. */
export async function mountLivePods(provider, table, {namespace = ''} = {}) {
  await customElements.whenDefined('kube-provider');
  while (!provider.effectiveClient || !provider.effectiveCluster) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const client = provider.effectiveClient;
  const cluster = provider.effectiveCluster;
  const caption = table.createCaption();
  const head = table.createTHead().insertRow();
  const body = table.createTBody();
  client.subscribe({cluster, resource: 'pods', namespace, table: true}, (snapshot) => {
    caption.textContent = `Pods on ${cluster}${namespace ? ` in ${namespace}` : ''} — ${snapshot.items.size} (${snapshot.status})`;
    const columns = snapshot.columns.filter((column) => !column.priority);
    if (head.cells.length !== columns.length + 1) {
      head.replaceChildren();
      for (const name of ['Namespace', ...columns.map((column) => column.name)]) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = name;
        head.append(th);
      }
    }
    const keep = new Set();
    const rows = [...snapshot.items.entries()].sort(([a], [b]) => a.localeCompare(b)).slice(0, 200);
    for (const [key, row] of rows) {
      keep.add(key);
      let tr = body.querySelector(`tr[data-key="${CSS.escape(key)}"]`);
      if (!tr) {
        tr = document.createElement('tr');
        tr.dataset.key = key;
      }
      const cells = [row.object?.metadata?.namespace ?? '', ...columns.map((column) => {
        const value = row.cells[snapshot.columns.indexOf(column)];
        return value === undefined || value === null ? '' : String(value);
      })];
      tr.replaceChildren(...cells.map((text) => Object.assign(document.createElement('td'), {textContent: text})));
      body.append(tr);
    }
    for (const tr of [...body.rows]) if (!keep.has(tr.dataset.key)) tr.remove();
  });
}

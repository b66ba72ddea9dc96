import {aTimeout, expect, fixture, html} from '@open-wc/testing';
import {setViewport} from '@web/test-runner-commands';
import type {TemplateResult} from 'lit';
import '../../src/define/kube-provider.js';
import '../../src/define/kube-pod-logs.js';
import type {KubePodLogs} from '../../src/elements/kube-pod-logs/kube-pod-logs.js';
import {createKubeClient, inMemoryTransport, type FetchHandler, type KubeClient, type KubeObject} from '../../src/client/index.js';
import {KubeOpenLogsEvent} from '../../src/events/open-logs-event.js';
import {createSandbox, type Sandbox} from '../../src/sandbox/index.js';
import {until} from '../support/fake-api.js';

interface Mounted {
  el: KubePodLogs;
  sandbox: Sandbox;
  client: KubeClient;
  provider: HTMLElement;
}

/** Serves a log body of our choosing for one pod; everything else goes to the sandbox. */
type LogOverride = (url: URL) => Response | undefined;

let cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

/** A sandbox and the name of one of its running single-container pods, for tests that serve their own log body. */
function withPod(): {sandbox: Sandbox; pod: string} {
  const sandbox = createSandbox({seed: 1});
  return {sandbox, pod: podsOf(sandbox, 'team-a', 'web-')[0]!.metadata.name!};
}

async function mount(view: TemplateResult, options: {token?: string; logs?: LogOverride; sandbox?: Sandbox} = {}): Promise<Mounted> {
  const sandbox = options.sandbox ?? createSandbox({seed: 1});
  cleanups.push(() => sandbox.dispose());
  const inner = sandbox.handlers()['sandbox']!;
  const handler: FetchHandler = async (request) => {
    const url = new URL(request.url);
    if (url.pathname.endsWith('/log')) {
      const response = options.logs?.(url);
      if (response) return response;
    }
    return inner(request);
  };
  const client = createKubeClient({transport: inMemoryTransport({clusters: {sandbox: handler}, tokenProvider: () => options.token ?? 'sandbox-admin'}), informers: {graceMs: 50}});
  cleanups.push(() => client.dispose());
  const provider = await fixture<HTMLElement>(html`<kube-provider .client=${client} cluster="sandbox">${view}</kube-provider>`);
  const el = provider.querySelector<KubePodLogs>('kube-pod-logs')!;
  return {el, sandbox, client, provider};
}

const part = (el: KubePodLogs, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: KubePodLogs, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const lines = (el: KubePodLogs) => parts(el, 'line');
const texts = (el: KubePodLogs) => lines(el).map((line) => line.querySelector('[part~="text"]')!.textContent!);
const numbers = (el: KubePodLogs) => lines(el).map((line) => Number(line.querySelector('[part~="line-number"]')!.textContent));
const statusText = (el: KubePodLogs) => part(el, 'status')!.textContent!.trim();

function podsOf(sandbox: Sandbox, namespace: string, prefix: string) {
  const cluster = sandbox.clusters.get('sandbox')!;
  return cluster.list('v1', 'pods', {namespace}).filter((p) => p.metadata.name!.startsWith(prefix)) as Array<KubeObject<{containers: Array<{name: string}>}, {phase?: string; containerStatuses?: Array<{restartCount: number}>}>>;
}

/** A log body of `count` lines from `first`, with timestamps one millisecond apart, streamed in chunks. */
function generatedLog(count: number, text: (i: number) => string, first = 0): Response {
  const encoder = new TextEncoder();
  let i = first;
  const base = Date.UTC(2025, 5, 1, 12, 0, 0);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i >= first + count) return controller.close();
      const parts: string[] = [];
      for (let n = 0; n < 5000 && i < first + count; n++, i++) parts.push(`${new Date(base + i).toISOString()} ${text(i)}\n`);
      controller.enqueue(encoder.encode(parts.join('')));
    },
  });
  return new Response(stream, {status: 200, headers: {'Content-Type': 'text/plain'}});
}

/** A Kubernetes Status error response. */
function statusResponse(code: number, reason: string, message: string): Response {
  return new Response(JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', message, reason, code}), {status: code, headers: {'Content-Type': 'application/json'}});
}

/** Chooses "Full log from the server" and collects the links it clicks until `done`. */
async function downloadFull(el: KubePodLogs, done: () => boolean): Promise<HTMLAnchorElement[]> {
  const links: HTMLAnchorElement[] = [];
  const original = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    links.push(this);
  };
  try {
    click(el, 'download-button');
    await el.updateComplete;
    click(el, 'download-full');
    await until(done, 'the download to finish');
  } finally {
    HTMLAnchorElement.prototype.click = original;
  }
  return links;
}

/**
 * Resize observers that record what they watch and report when told: a test page in a background
 * tab gets no rendering frames, so real ones might never report.
 */
function fakeResizeObservers() {
  const Real = window.ResizeObserver;
  const live = new Set<FakeResizeObserver>();
  class FakeResizeObserver {
    readonly targets = new Set<Element>();
    constructor(readonly callback: ResizeObserverCallback) {
      live.add(this);
    }
    observe(target: Element) {
      this.targets.add(target);
    }
    unobserve(target: Element) {
      this.targets.delete(target);
    }
    disconnect() {
      this.targets.clear();
      live.delete(this);
    }
  }
  window.ResizeObserver = FakeResizeObserver as unknown as typeof ResizeObserver;
  cleanups.push(() => (window.ResizeObserver = Real));
  return {
    watching: (target: Element) => [...live].some((o) => o.targets.has(target)),
    resize(target: Element) {
      for (const o of live) if (o.targets.has(target)) o.callback([{target} as ResizeObserverEntry], o as unknown as ResizeObserver);
    },
  };
}

/** A followed log body that stays open; `push` sends lines `line <first>`… with timestamps. */
function controlledLog() {
  const encoder = new TextEncoder();
  let sink!: ReadableStreamDefaultController<Uint8Array>;
  const response = new Response(new ReadableStream<Uint8Array>({start: (c) => void (sink = c)}), {status: 200, headers: {'Content-Type': 'text/plain'}});
  const base = Date.UTC(2025, 5, 1, 12, 0, 0);
  return {
    response,
    push(first: number, count: number) {
      const parts: string[] = [];
      for (let i = first; i < first + count; i++) parts.push(`${new Date(base + i).toISOString()} line ${i}\n`);
      sink.enqueue(encoder.encode(parts.join('')));
    },
  };
}

function click(el: KubePodLogs, name: string) {
  part(el, name)!.click();
}

function select(el: KubePodLogs, name: string, value: string) {
  const s = part(el, name) as HTMLSelectElement;
  s.value = value;
  s.dispatchEvent(new Event('change', {bubbles: true}));
}

function type(el: KubePodLogs, value: string) {
  const input = part(el, 'search-input') as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input', {bubbles: true}));
}

describe('<kube-pod-logs>', () => {
  describe('rendering', () => {
    it('follows one container: the tail first, then lines as they arrive', async () => {
      const sandbox = createSandbox({seed: 1});
      const [pod] = podsOf(sandbox, 'team-a', 'web-');
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod!.metadata.name!} tail-lines="5"></kube-pod-logs>`, {sandbox});
      await until(() => lines(el).length === 5, 'the tail');
      await until(() => el.hasState('streaming'), 'streaming');
      expect(statusText(el)).to.equal('Streaming');
      const first = numbers(el);
      expect(first).to.deep.equal([1, 2, 3, 4, 5]);
      sandbox.step(10_000);
      await until(() => lines(el).length > 5, 'new lines');
      expect(part(el, 'log')!.getAttribute('role')).to.equal('log');
      expect(part(el, 'log')!.getAttribute('aria-live')).to.equal('off');
      await expect(el).to.be.accessible();
    });

    it('shows every container of a pod with a source prefix', async () => {
      const sandbox = createSandbox({seed: 1});
      const [pod] = podsOf(sandbox, 'team-a', 'api-');
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod!.metadata.name!} container="*" tail-lines="3"></kube-pod-logs>`, {sandbox});
      await until(() => lines(el).length === 6, 'three lines of each container');
      const sources = new Set(parts(el, 'source').map((s) => s.textContent));
      expect([...sources].sort()).to.deep.equal([`${pod!.metadata.name}/api`, `${pod!.metadata.name}/envoy`]);
    });

    it('merges every pod of a deployment, with colour-coded prefixes, and follows pods that come and go', async () => {
      const {el, sandbox} = await mount(html`<kube-pod-logs namespace="team-a" kind="Deployment" name="web" tail-lines="2"></kube-pod-logs>`);
      const pods = podsOf(sandbox, 'team-a', 'web-');
      await until(() => lines(el).length === pods.length * 2, 'two lines per pod');
      const prefixes = parts(el, 'source');
      expect(new Set(prefixes.map((p) => p.textContent)).size).to.equal(pods.length);
      expect(new Set(prefixes.map((p) => p.className)).size).to.equal(pods.length);
      expect(getComputedStyle(prefixes[0]!).color).to.not.equal(getComputedStyle(prefixes.at(-1)!).color);
      const cluster = sandbox.clusters.get('sandbox')!;
      const web = cluster.get('apps/v1', 'Deployment', 'team-a', 'web')!;
      cluster.update({...web, spec: {...(web.spec as object), replicas: pods.length + 1}, metadata: {...web.metadata, resourceVersion: undefined}});
      sandbox.step(20_000);
      await until(() => new Set(parts(el, 'source').map((p) => p.textContent)).size > pods.length || el.lineCount > pods.length * 2 + 20, 'the new pod');
      await until(() => new Set(parts(el, 'source').map((p) => p.textContent)).size === pods.length + 1, 'a prefix for the new pod', 10_000);
    });

    it('renders a line containing markup as text and runs nothing', async () => {
      const w = window as unknown as {xss?: number};
      w.xss = 0;
      const evil = '<img src=x onerror="window.xss++"><script>window.xss++</script>';
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false}></kube-pod-logs>`, {
        logs: () => generatedLog(2, (i) => (i ? `\u001b[31m${evil}\u001b[0m` : evil)),
        sandbox,
      });
      await until(() => lines(el).length === 2, 'the lines');
      expect(texts(el)).to.deep.equal([evil, evil]);
      expect(el.shadowRoot!.querySelector('[part~="log"] img, [part~="log"] script')).to.equal(null);
      await new Promise((r) => setTimeout(r, 50));
      expect(w.xss).to.equal(0);
    });

    it('renders ANSI colours and styles as styled text, stripping other escapes', async () => {
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false}></kube-pod-logs>`, {
        sandbox,
        logs: () => generatedLog(1, () => '\u001b[1;31mERROR\u001b[0m plain \u001b[38;5;208morange\u001b[39m \u001b]0;title\u0007\u001b[2Kend'),
      });
      await until(() => lines(el).length === 1, 'the line');
      const spans = [...lines(el)[0]!.querySelectorAll<HTMLElement>('[part~="text"] span')];
      expect(spans.map((s) => s.textContent).join('')).to.equal('ERROR plain orange end');
      const error = spans.find((s) => s.textContent === 'ERROR')!;
      expect(error.style.fontWeight).to.equal('700');
      expect(error.style.color).to.equal('var(--_ansi-1)');
      expect(getComputedStyle(error).color).to.not.equal(getComputedStyle(spans.find((s) => s.textContent === ' plain ')!).color);
      expect(spans.find((s) => s.textContent === 'orange')!.style.color).to.equal('rgb(255, 135, 0)');
      expect(lines(el)[0]!.dataset['severity']).to.equal('error');
    });

    it('pretty-prints JSON lines on demand, as text, and leaves other lines alone', async () => {
      const w = window as unknown as {xss?: number};
      w.xss = 0;
      const body = ['{"level":"info","msg":"<img src=x onerror=window.xss++>","n":[1,2]}', 'plain {not json}', '{"broken": '];
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false}></kube-pod-logs>`, {sandbox, logs: () => generatedLog(3, (i) => body[i]!)});
      await until(() => lines(el).length === 3, 'the lines');
      expect(texts(el)).to.deep.equal(body);
      const height = lines(el)[0]!.offsetHeight;
      click(el, 'json-button');
      await until(() => el.prettyJson && texts(el)[0] !== body[0], 'pretty JSON');
      expect(part(el, 'json-button')!.getAttribute('aria-pressed')).to.equal('true');
      expect(texts(el)).to.deep.equal([JSON.stringify(JSON.parse(body[0]!), null, 2), body[1], body[2]]);
      expect(texts(el)[0]).to.contain('\n  "msg": "<img src=x onerror=window.xss++>",');
      await until(() => lines(el)[0]!.offsetHeight > height * 5, 'the indented object on its own rows');
      expect(el.shadowRoot!.querySelector('[part~="log"] img')).to.equal(null);
      expect(w.xss).to.equal(0);
      click(el, 'json-button');
      await until(() => texts(el)[0] === body[0], 'the raw line again');
    });
  });

  describe('properties', () => {
    it('reads markup attributes: follow="false", a bare timestamps, tail-lines="all", since', async () => {
      const el = await fixture<KubePodLogs>(html`<kube-pod-logs></kube-pod-logs>`);
      expect([el.follow, el.timestamps, el.tailLines, el.maxLines]).to.deep.equal([true, '', 1000, 100_000]);
      el.setAttribute('follow', 'false');
      el.setAttribute('timestamps', '');
      el.setAttribute('tail-lines', 'all');
      el.setAttribute('max-lines', '5000');
      expect([el.follow, el.timestamps, el.tailLines, el.maxLines]).to.deep.equal([false, 'local', 'all', 5000]);
      el.setAttribute('follow', '');
      el.setAttribute('timestamps', 'utc');
      el.setAttribute('tail-lines', '100');
      expect([el.follow, el.timestamps, el.tailLines]).to.deep.equal([true, 'utc', 100]);
      el.setAttribute('timestamps', 'off');
      expect(el.timestamps).to.equal('');
      // Removed, or no count, tail-lines is the default again, not every line.
      el.removeAttribute('tail-lines');
      expect(el.tailLines).to.equal(1000);
      el.setAttribute('tail-lines', 'many');
      expect(el.tailLines).to.equal(1000);
      el.setAttribute('tail-lines', '-1');
      expect(el.tailLines).to.equal('all');
    });

    it('removing max-lines, a max-lines that is no number, or maxLines set to undefined keeps the default cap', async () => {
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} tail-lines="5" max-lines="2"></kube-pod-logs>`, {sandbox});
      await until(() => el.lineCount === 2 && el.droppedCount === 3, 'two of five lines kept');
      el.removeAttribute('max-lines');
      expect(el.maxLines).to.equal(100_000);
      await until(() => el.lineCount === 5 && el.droppedCount === 0, 'all five lines');
      for (const value of ['x', '0', '']) {
        el.setAttribute('max-lines', value);
        expect(el.maxLines, value).to.equal(100_000);
        await el.updateComplete;
      }
      // React passes maxLines={undefined} as a property.
      el.maxLines = undefined as unknown as number;
      await el.updateComplete;
      expect(el.maxLines).to.equal(100_000);
      el.maxLines = NaN;
      await el.updateComplete;
      expect(el.maxLines).to.equal(100_000);
      expect([el.lineCount, el.droppedCount]).to.deep.equal([5, 0]);
      // A fraction is whole lines.
      el.setAttribute('max-lines', '2.5');
      await until(() => el.lineCount === 2, 'two lines');
    });

    it('set to undefined or null by a framework, its properties read as unset or as their defaults', async () => {
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} tail-lines="5" since="1h" severity="warning"></kube-pod-logs>`, {sandbox});
      const loose = el as unknown as Record<string, unknown>;
      for (const name of ['container', 'kind', 'name', 'labelSelector', 'since', 'search', 'severity']) loose[name] = undefined;
      loose['tailLines'] = null;
      await el.updateComplete;
      expect([el.container, el.kind, el.name, el.labelSelector, el.since, el.search, el.severity, el.tailLines]).to.deep.equal(['', '', '', '', '', '', '', 1000]);
      await until(() => el.lineCount > 0, 'the lines');
      el.setAttribute('tail-lines', 'x');
      await el.updateComplete;
      expect(el.tailLines).to.equal(1000);
      loose['pod'] = null;
      loose['namespace'] = null;
      await el.updateComplete;
      expect([el.pod, el.namespace]).to.deep.equal(['', undefined]);
      expect(part(el, 'idle')).to.exist;
    });

    it('shows the previous instance of a restarted container; the button is enabled only then', async () => {
      const sandbox = createSandbox({seed: 1});
      const [crashing] = podsOf(sandbox, 'team-b', 'recommender-');
      expect(crashing!.status!.containerStatuses![0]!.restartCount).to.be.above(0);
      const {el} = await mount(html`<kube-pod-logs namespace="team-b" pod=${crashing!.metadata.name!} tail-lines="all"></kube-pod-logs>`, {sandbox});
      await until(() => lines(el).length > 0 && part(el, 'previous-button')!.getAttribute('aria-disabled') === 'false', 'the restarted container');
      click(el, 'previous-button');
      await until(() => el.previous && el.hasState('ended') && lines(el).length > 0, 'the previous log');
      expect(part(el, 'previous-button')!.getAttribute('aria-pressed')).to.equal('true');
      const [web] = podsOf(sandbox, 'team-a', 'web-');
      el.namespace = 'team-a';
      el.pod = web!.metadata.name!;
      el.previous = false;
      await until(() => lines(el).length > 0 && el.hasState('streaming'), 'a pod that never restarted');
      expect(part(el, 'previous-button')!.getAttribute('aria-disabled')).to.equal('true');
    });

    it('lists init, regular and ephemeral containers in the picker, and switches container', async () => {
      const sandbox = createSandbox({seed: 1});
      const cluster = sandbox.clusters.get('sandbox')!;
      const [api] = podsOf(sandbox, 'team-a', 'api-');
      const source = cluster.get('v1', 'Pod', 'team-a', api!.metadata.name!)!;
      const spec = source.spec as {containers: Array<{name: string; image: string}>};
      cluster.update({...source, spec: {...spec, initContainers: [{name: 'migrate', image: 'busybox'}], ephemeralContainers: [{name: 'debugger', image: 'busybox'}]}, metadata: {...source.metadata, resourceVersion: undefined}});
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${api!.metadata.name!} tail-lines="2"></kube-pod-logs>`, {sandbox});
      await until(() => lines(el).length === 2 && (part(el, 'container-select') as HTMLSelectElement | null)?.options.length === 5, 'the picker');
      const options = [...(part(el, 'container-select') as HTMLSelectElement).options].map((o) => [o.value, o.textContent!.trim()]);
      expect(options).to.deep.equal([
        ['migrate', 'migrate (init)'],
        ['api', 'api'],
        ['envoy', 'envoy'],
        ['debugger', 'debugger (ephemeral)'],
        ['*', 'All containers'],
      ]);
      expect((part(el, 'container-select') as HTMLSelectElement).value).to.equal('api');
      select(el, 'container-select', 'envoy');
      await until(() => el.container === 'envoy' && lines(el).length === 2, 'the envoy log');
      expect(parts(el, 'source')).to.have.length(0);
    });

    it('scrolls long lines sideways, or wraps them', async () => {
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false}></kube-pod-logs>`, {sandbox, logs: () => generatedLog(3, (i) => `${i} ${'long '.repeat(200)}`)});
      await until(() => lines(el).length === 3, 'lines');
      const log = part(el, 'log')!;
      expect(log.scrollWidth).to.be.above(log.clientWidth * 2);
      click(el, 'wrap-button');
      await el.updateComplete;
      // Not a requestAnimationFrame: a test page running in a background tab gets none.
      await until(() => log.scrollWidth === log.clientWidth, 'wrapped lines');
      expect(lines(el)[0]!.offsetHeight).to.be.above(40);
    });

    it('asks for tail lines and since, and shows timestamps local or UTC', async () => {
      const queries: string[] = [];
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} tail-lines="100" timestamps="utc"></kube-pod-logs>`, {
        sandbox,
        logs: (url) => {
          queries.push(url.search);
          return undefined;
        },
      });
      await until(() => lines(el).length > 0, 'lines');
      expect(queries[0]).to.contain('tailLines=100').and.contain('timestamps=true').and.contain('follow=true');
      expect(parts(el, 'timestamp')[0]!.textContent).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      select(el, 'timestamps-select', 'local');
      await el.updateComplete;
      expect(parts(el, 'timestamp')[0]!.textContent).to.not.contain('T');
      select(el, 'timestamps-select', '');
      await el.updateComplete;
      expect(parts(el, 'timestamp')).to.have.length(0);
      select(el, 'tail-select', 'all');
      select(el, 'since-select', '1h');
      await until(() => queries.length >= 2 && queries.at(-1)!.includes('sinceSeconds=3600'), 'a since request');
      expect(queries.at(-1)).to.not.contain('tailLines');
      select(el, 'since-select', 'custom');
      await el.updateComplete;
      const input = part(el, 'since-time') as HTMLInputElement;
      input.value = '2025-06-01T11:00:00';
      input.dispatchEvent(new Event('change'));
      await until(() => queries.at(-1)!.includes('sinceTime='), 'a sinceTime request');
    });

    it('keeps 1,000,000 lines under the cap: the heap stays bounded and scrolling shows the right lines', async function () {
      this.timeout(60_000);
      const gc = (globalThis as {gc?: () => void}).gc;
      expect(gc, 'the test browser exposes gc() (web-test-runner.config.mjs)').to.be.a('function');
      const memory = () => {
        gc!();
        return (performance as unknown as {memory?: {usedJSHeapSize: number}}).memory?.usedJSHeapSize ?? 0;
      };
      const {sandbox, pod} = withPod();
      const before = memory();
      // Chromium's headless shell reports a live figure; if it ever stops (0, or frozen below), this test must fail, not skip.
      expect(before, 'performance.memory reports the heap').to.be.above(0);
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false} max-lines="50000"></kube-pod-logs>`, {
        sandbox,
        logs: () => generatedLog(1_000_000, (i) => `line ${i} ${'x'.repeat(240)}`),
      });
      await until(() => el.hasState('ended') && el.lineCount === 50_000, 'a million lines', 50_000);
      expect(el.droppedCount).to.equal(950_000);
      expect(part(el, 'dropped')!.textContent).to.contain('950,000');
      // The ring buffer's bound is what bounds memory: it holds exactly max-lines records.
      const buffer = (el as unknown as {logs: {buffer: {size: number; capacity: number}}}).logs.buffer;
      expect([buffer.size, buffer.capacity]).to.deep.equal([50_000, 50_000]);
      const after = memory();
      expect(after, 'the heap figure is live, not a frozen snapshot').to.not.equal(before);
      const grown = after - before;
      // A million lines of ~250 characters are > 250 MB; the 50,000 kept are ~13 MB, measured after a collection.
      expect(grown, `heap grew ${grown} bytes`).to.be.below(150_000_000);
      const log = part(el, 'log')!;
      log.scrollTop = log.scrollHeight;
      log.dispatchEvent(new Event('scroll'));
      await el.updateComplete;
      expect(numbers(el).at(-1)).to.equal(1_000_000);
      expect(texts(el).at(-1)).to.match(/^line 999999 /);
      log.scrollTop = 0;
      log.dispatchEvent(new Event('scroll'));
      await el.updateComplete;
      expect(numbers(el)[0]).to.equal(950_001);
      expect(texts(el)[0]).to.match(/^line 950000 /);
      expect(lines(el).length).to.be.below(200);
    });

    it('scrolls a log taller than browsers allow: bottom, top and middle show the right lines on screen', async function () {
      this.timeout(60_000);
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false} max-lines="1000000"></kube-pod-logs>`, {
        sandbox,
        logs: () => generatedLog(800_000, (i) => `n${i}`),
      });
      await until(() => el.hasState('ended') && el.lineCount === 800_000, '800,000 lines', 50_000);
      const log = part(el, 'log')!;
      /** Line numbers of the rows inside the scroller's visible box. */
      const onScreen = () => {
        const box = log.getBoundingClientRect();
        return lines(el)
          .filter((line) => {
            const r = line.getBoundingClientRect();
            return r.bottom > box.top + 1 && r.top < box.bottom - 1;
          })
          .map((line) => Number(line.querySelector('[part~="line-number"]')!.textContent));
      };
      await el.updateComplete;
      expect(onScreen().at(-1), 'following: the last line is on screen').to.equal(800_000);
      const scrollTo = async (top: number) => {
        log.scrollTop = top;
        log.dispatchEvent(new Event('scroll'));
        await el.updateComplete;
      };
      await scrollTo(0);
      expect(onScreen()[0]).to.equal(1);
      await scrollTo((log.scrollHeight - log.clientHeight) / 2);
      const middle = onScreen();
      expect(middle.length).to.be.above(5);
      expect(middle[0]).to.be.within(390_000, 410_000);
      expect(middle).to.deep.equal(middle.map((_, i) => middle[0]! + i));
      await scrollTo(log.scrollHeight);
      expect(onScreen().at(-1)).to.equal(800_000);
    });

    it('finds with a count and next/previous, filters to matches, and filters by severity', async () => {
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false}></kube-pod-logs>`, {
        sandbox,
        logs: () => generatedLog(1000, (i) => (i % 100 === 0 ? `\u001b[31mERROR\u001b[0m failed request ${i}` : i % 10 === 0 ? `WARN slow Request ${i}` : `INFO request ${i} ok`)),
      });
      await until(() => el.lineCount === 1000, 'the lines');
      type(el, 'failed');
      await el.updateComplete;
      expect(part(el, 'match-count')!.textContent!.trim()).to.equal('10 matching lines');
      click(el, 'next-match');
      await el.updateComplete;
      expect(part(el, 'match-count')!.textContent!.trim()).to.equal('1 of 10');
      expect(el.shadowRoot!.querySelector('[part~="line"][part~="current"] mark')!.textContent).to.equal('failed');
      click(el, 'previous-match');
      await el.updateComplete;
      expect(part(el, 'match-count')!.textContent!.trim()).to.equal('10 of 10');
      expect(el.shadowRoot!.querySelector('[part~="current"]')!.textContent).to.contain('failed request 900');
      type(el, 'request \\d+0 ');
      click(el, 'regex-button');
      await el.updateComplete;
      expect(part(el, 'match-count')!.textContent!.trim()).to.equal('0 matching lines');
      type(el, 'request \\d*0$');
      click(el, 'filter-button');
      await el.updateComplete;
      expect(el.lineCount, 'warnings and errors end with a multiple of 10').to.equal(100);
      click(el, 'case-button');
      await el.updateComplete;
      expect(el.lineCount, 'case-sensitive: "Request" in warnings does not match').to.equal(10);
      type(el, '');
      click(el, 'filter-button');
      select(el, 'severity-select', 'warning');
      await el.updateComplete;
      expect(el.lineCount).to.equal(100);
      select(el, 'severity-select', 'error');
      await el.updateComplete;
      expect(el.lineCount).to.equal(10);
      expect(texts(el).every((t) => t.startsWith('ERROR'))).to.equal(true);
      type(el, '(');
      await el.updateComplete;
      expect(part(el, 'search-input')!.getAttribute('aria-invalid')).to.equal('true');
    });

    it('speaks the match count when the reader searches or steps, never as lines arrive', async () => {
      const {sandbox, pod} = withPod();
      const log = controlledLog();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod}></kube-pod-logs>`, {sandbox, logs: () => log.response});
      log.push(0, 5);
      await until(() => el.lineCount === 5, 'lines');
      const count = part(el, 'match-count')!;
      const live = part(el, 'match-announcement')!;
      expect(count.hasAttribute('aria-live'), 'the visible count is not live').to.equal(false);
      expect(live.getAttribute('role')).to.equal('status');
      expect(live.classList.contains('visually-hidden')).to.equal(true);
      type(el, 'line');
      await el.updateComplete;
      expect(count.textContent!.trim()).to.equal('5 matching lines');
      expect(live.textContent, 'not at every keystroke').to.equal('');
      await until(() => live.textContent === '5 matching lines', 'the count once typing pauses');
      // A matching line every 30 ms: the visible count follows, the live region holds still.
      for (let i = 5; i < 25; i++) {
        log.push(i, 1);
        await aTimeout(30);
      }
      await until(() => count.textContent!.trim() === '25 matching lines', 'the visible count');
      await aTimeout(600);
      expect(live.textContent).to.equal('5 matching lines');
      click(el, 'next-match');
      await el.updateComplete;
      expect(live.textContent).to.equal('1 of 25');
      log.push(25, 3);
      await until(() => count.textContent!.trim() === '1 of 28', 'more lines');
      expect(live.textContent).to.equal('1 of 25');
      click(el, 'previous-match');
      await el.updateComplete;
      expect(live.textContent).to.equal('28 of 28');
    });

    it('pauses: lines keep buffering and the view says how many wait', async () => {
      const sandbox = createSandbox({seed: 1});
      const [pod] = podsOf(sandbox, 'team-a', 'web-');
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod!.metadata.name!} tail-lines="5"></kube-pod-logs>`, {sandbox});
      await until(() => lines(el).length === 5 && el.hasState('streaming'), 'the tail');
      click(el, 'pause-button');
      await el.updateComplete;
      expect(el.hasState('paused')).to.equal(true);
      sandbox.step(20_000);
      await until(() => /Paused — \d+ new lines/.test(statusText(el)), 'waiting lines');
      expect(el.lineCount).to.equal(5);
      expect(part(el, 'pause-button')!.textContent).to.match(/Resume \(\d+ new\)/);
      click(el, 'pause-button');
      await until(() => el.lineCount > 5, 'the waiting lines shown');
      expect(statusText(el)).to.equal('Streaming');
    });

    it('holds the lines on screen while paused, however many arrive, and shows the newest on resume', async () => {
      const {sandbox, pod} = withPod();
      const log = controlledLog();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} max-lines="10"></kube-pod-logs>`, {sandbox, logs: () => log.response});
      log.push(0, 10);
      await until(() => el.lineCount === 10 && numbers(el).at(-1) === 10, 'a full buffer');
      const before = numbers(el);
      click(el, 'pause-button');
      await el.updateComplete;
      log.push(10, 25);
      await until(() => part(el, 'pause-button')!.textContent!.includes('Resume (25 new)'), '25 lines waiting');
      expect(numbers(el), 'the lines on screen stay').to.deep.equal(before);
      expect(texts(el)).to.deep.equal(before.map((n) => `line ${n - 1}`));
      click(el, 'pause-button');
      await until(() => numbers(el).at(-1) === 35, 'the newest lines');
      expect(el.lineCount).to.equal(10);
      expect(numbers(el)).to.deep.equal([26, 27, 28, 29, 30, 31, 32, 33, 34, 35]);
      expect(texts(el)).to.deep.equal(numbers(el).map((n) => `line ${n - 1}`));
      expect(el.droppedCount).to.equal(25);
      log.push(35, 1);
      await until(() => numbers(el).at(-1) === 36, 'following again');
    });

    it('downloads what is shown and the full log from the server', async () => {
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} tail-lines="3"></kube-pod-logs>`, {sandbox});
      await until(() => lines(el).length === 3, 'the tail');
      expect(el.shownText().trim().split('\n')).to.have.length(3);
      const links: HTMLAnchorElement[] = [];
      const original = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        links.push(this);
      };
      try {
        click(el, 'download-button');
        await el.updateComplete;
        click(el, 'download-full');
        await until(() => links.length === 1, 'a download');
      } finally {
        HTMLAnchorElement.prototype.click = original;
      }
      const full = await (await fetch(links[0]!.href)).text();
      expect(links[0]!.download).to.equal(`${pod}.log`);
      expect(full.trim().split('\n').length, 'more than the buffer holds').to.be.above(100);
    });
    it('downloads the full log without a container that fails, and says which', async () => {
      const sandbox = createSandbox({seed: 1});
      const pods = podsOf(sandbox, 'team-a', 'web-');
      const gone = pods[0]!.metadata.name!;
      // The stream (with tailLines) reads; the full read (without) of one pod answers 404, as for a pod deleted meanwhile.
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" kind="Deployment" name="web" tail-lines="2" .follow=${false}></kube-pod-logs>`, {
        sandbox,
        logs: (url) => (url.pathname.includes(`/pods/${gone}/`) && !url.searchParams.has('tailLines') ? statusResponse(404, 'NotFound', `pods "${gone}" not found`) : undefined),
      });
      await until(() => lines(el).length === pods.length * 2, 'two lines per pod');
      const links = await downloadFull(el, () => !!part(el, 'download-error'));
      expect(links).to.have.length(1);
      const full = await (await fetch(links[0]!.href)).text();
      expect(full).to.contain(`[${pods[1]!.metadata.name}/`);
      expect(full).to.not.contain(`[${gone}/`);
      const note = part(el, 'download-error')!;
      expect(note.getAttribute('role')).to.equal('alert');
      expect(note.textContent).to.match(new RegExp(`^Downloaded without 1 containers that could not be read: ${gone}/\\S+$`));
      await expect(el).to.be.accessible();
    });

    it('says why the full log could not be downloaded when no container can be read, and makes no file', async () => {
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} tail-lines="3" .follow=${false}></kube-pod-logs>`, {
        sandbox,
        logs: (url) => (url.searchParams.has('tailLines') ? undefined : statusResponse(403, 'Forbidden', 'pods/log is forbidden')),
      });
      await until(() => lines(el).length === 3, 'the tail');
      const rejections: unknown[] = [];
      const onRejection = (event: PromiseRejectionEvent) => rejections.push(event.reason);
      window.addEventListener('unhandledrejection', onRejection);
      try {
        const links = await downloadFull(el, () => !!part(el, 'download-error'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(links, 'no file').to.have.length(0);
      } finally {
        window.removeEventListener('unhandledrejection', onRejection);
      }
      expect(rejections).to.deep.equal([]);
      const alert = part(el, 'download-error')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.equal("Couldn't download the full log: pods/log is forbidden (HTTP 403)");
      await expect(el).to.be.accessible();
    });
  });

  describe('events', () => {
    it('shows the object of a kube-open-logs event with open-from-events', async () => {
      const {el, sandbox} = await mount(html`<kube-pod-logs open-from-events tail-lines="1"></kube-pod-logs>`);
      expect(part(el, 'idle')).to.exist;
      const event = new KubeOpenLogsEvent({cluster: 'sandbox', apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'team-a', name: 'web'}, '*');
      document.body.dispatchEvent(event);
      expect(event.defaultPrevented).to.equal(true);
      const pods = podsOf(sandbox, 'team-a', 'web-');
      await until(() => lines(el).length === pods.length, 'a line per pod');
      expect(el.kind).to.equal('Deployment');
    });
  });

  describe('keyboard', () => {
    it('Enter and Shift+Enter in the search move between matches; the log region is focusable', async () => {
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false}></kube-pod-logs>`, {sandbox, logs: () => generatedLog(50, (i) => `entry ${i}`)});
      await until(() => el.lineCount === 50, 'lines');
      type(el, 'entry 1');
      await el.updateComplete;
      const input = part(el, 'search-input')!;
      input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
      await el.updateComplete;
      expect(part(el, 'match-count')!.textContent!.trim()).to.equal('1 of 11');
      input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', shiftKey: true, bubbles: true}));
      await el.updateComplete;
      expect(part(el, 'match-count')!.textContent!.trim()).to.equal('11 of 11');
      expect(part(el, 'log')!.tabIndex).to.equal(0);
      for (const control of el.shadowRoot!.querySelectorAll('[part~="toolbar"] button, [part~="toolbar"] select')) expect(['BUTTON', 'SELECT']).to.include(control.tagName);
    });
    it('Escape closes the download menu and returns focus to its button', async () => {
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false}></kube-pod-logs>`, {sandbox, logs: () => generatedLog(3, (i) => `entry ${i}`)});
      await until(() => el.lineCount === 3, 'lines');
      click(el, 'download-button');
      await el.updateComplete;
      expect(part(el, 'download-button')!.getAttribute('aria-expanded')).to.equal('true');
      part(el, 'download-shown')!.focus();
      part(el, 'download-shown')!.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true, composed: true}));
      await el.updateComplete;
      expect(part(el, 'download-menu')).to.equal(null);
      expect(el.shadowRoot!.activeElement).to.equal(part(el, 'download-button'));
    });
  });

  describe('accessibility', () => {
    it('says when the pod does not exist', async () => {
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod="no-such-pod"></kube-pod-logs>`);
      await until(() => statusText(el).includes('was not found'), 'not found');
      expect(statusText(el)).to.equal('Pod no-such-pod was not found in namespace team-a.');
      await expect(el).to.be.accessible();
    });

    it('says when the container has not started yet', async () => {
      const sandbox = createSandbox({seed: 1});
      const [pod] = podsOf(sandbox, 'team-b', 'legacy-importer-');
      const {el} = await mount(html`<kube-pod-logs namespace="team-b" pod=${pod!.metadata.name!}></kube-pod-logs>`, {sandbox});
      await until(() => el.hasState('waiting'), 'waiting');
      expect(statusText(el)).to.contain('not started yet');
      await expect(el).to.be.accessible();
    });

    it('says when the pod was deleted', async () => {
      const sandbox = createSandbox({seed: 1});
      const [pod] = podsOf(sandbox, 'team-a', 'web-');
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod!.metadata.name!} tail-lines="2"></kube-pod-logs>`, {sandbox});
      await until(() => el.hasState('streaming') && lines(el).length === 2, 'streaming');
      sandbox.clusters.get('sandbox')!.delete('v1', 'pods', 'team-a', pod!.metadata.name!);
      sandbox.step(60_000);
      await until(() => el.hasState('deleted'), 'deleted', 10_000);
      expect(lines(el).length, 'the lines stay').to.be.at.least(2);
      await expect(el).to.be.accessible();
      // The server no longer has the log: the full download doesn't ask, and says why there is no file.
      const links = await downloadFull(el, () => !!part(el, 'download-error'));
      expect(links).to.have.length(0);
      expect(part(el, 'download-error')!.textContent).to.equal("Couldn't download the full log: The pod was deleted; its log ends here.");
      el.pod = 'another';
      await el.updateComplete;
      expect(part(el, 'download-error'), 'the note goes with the pod').to.equal(null);
    });

    it('shows a denied read in words', async () => {
      const {el} = await mount(html`<kube-pod-logs namespace="kube-system" kind="Deployment" name="coredns"></kube-pod-logs>`, {token: 'sandbox-developer'});
      await until(() => el.hasState('forbidden'), 'forbidden');
      expect(part(el, 'forbidden')!.textContent).to.contain('Access denied');
      await expect(el).to.be.accessible();
    });

    it('shows the server error with its code, and retries', async () => {
      const {sandbox, pod} = withPod();
      let fail = true;
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false}></kube-pod-logs>`, {
        sandbox,
        logs: () =>
          fail
            ? new Response(JSON.stringify({kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'bad things', reason: 'BadRequest', code: 400}), {status: 400, headers: {'Content-Type': 'application/json'}})
            : generatedLog(3, (i) => `ok ${i}`),
      });
      await until(() => el.hasState('error'), 'error');
      expect(part(el, 'error')!.textContent).to.contain('bad things (HTTP 400)');
      await expect(el).to.be.accessible();
      fail = false;
      part(el, 'retry')!.focus();
      click(el, 'retry');
      await until(() => lines(el).length === 3, 'the lines after a retry');
      expect(el.shadowRoot!.activeElement, 'the focus goes on to the log, not to <body>').to.equal(part(el, 'log'));
    });

    it('says why it reconnects after the words, with the HTTP code once, not in nested brackets', async () => {
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod}></kube-pod-logs>`, {
        sandbox,
        logs: () => statusResponse(500, 'InternalError', 'etcdserver: request timed out'),
      });
      await until(() => el.hasState('reconnecting'), 'reconnecting');
      expect(statusText(el)).to.equal('Connection lost — reconnecting… etcdserver: request timed out (HTTP 500)');
      await expect(el).to.be.accessible();
    });

    it('keeps the view sized to the log region after an error and retry, and after being re-attached', async () => {
      const observers = fakeResizeObservers();
      const {sandbox, pod} = withPod();
      let fail = true;
      const {el, provider} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false} style="--kube-pod-logs-height: 200px"></kube-pod-logs>`, {
        sandbox,
        logs: () => (fail ? statusResponse(400, 'BadRequest', 'bad things') : generatedLog(200, (i) => `line ${i}`)),
      });
      await until(() => el.hasState('error'), 'error');
      fail = false;
      click(el, 'retry');
      await until(() => el.lineCount === 200, 'the lines after a retry');
      // Following renders the screenful at the bottom plus two rows: about 12 rows at 200px, 22 at 400px.
      const atBottom = () => numbers(el).at(-1) === 200;
      await until(() => atBottom() && lines(el).length <= 14, 'a 200px screenful');
      expect(observers.watching(part(el, 'log')!), 'the new scroller is observed').to.equal(true);
      el.style.setProperty('--kube-pod-logs-height', '400px');
      observers.resize(part(el, 'log')!);
      await until(() => atBottom() && lines(el).length >= 20, 'a 400px screenful after the retry');
      el.remove();
      expect(observers.watching(part(el, 'log')!), 'nothing observed while detached').to.equal(false);
      provider.append(el);
      await until(() => el.lineCount === 200 && observers.watching(part(el, 'log')!), 'observed again after re-attaching');
      el.style.setProperty('--kube-pod-logs-height', '200px');
      observers.resize(part(el, 'log')!);
      await until(() => atBottom() && lines(el).length <= 14, 'a 200px screenful after re-attaching');
    });

    it('marks error and warning lines by more than colour: a visible mark and words for screen readers', async () => {
      const body = ['ERROR disk full', 'WARN almost full', 'INFO fine', 'plain'];
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false}></kube-pod-logs>`, {sandbox, logs: () => generatedLog(4, (i) => body[i]!)});
      await until(() => lines(el).length === 4, 'lines');
      const hidden = lines(el).map((line) => line.querySelector('.visually-hidden')?.textContent?.trim());
      expect(hidden).to.deep.equal(['Error:', 'Warning:', undefined, undefined]);
      expect(texts(el), 'the text itself is unchanged').to.deep.equal(body);
      expect(el.shownText(), 'and so are downloads').to.equal(body.join('\n') + '\n');
      const mark = (i: number) => getComputedStyle(lines(el)[i]!.querySelector('[part~="line-number"]')!, '::before').content;
      expect(mark(0)).to.contain('✖');
      expect(mark(1)).to.contain('⚠');
      expect(mark(2)).to.equal('none');
      await expect(el).to.be.accessible();
    });

    it('announces changes of state only: the visible status with its counts is not a live region', async () => {
      const sandbox = createSandbox({seed: 1});
      const [pod] = podsOf(sandbox, 'team-a', 'api-');
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod!.metadata.name!} container="*" tail-lines="2"></kube-pod-logs>`, {sandbox});
      await until(() => statusText(el) === 'Streaming 2 of 2 containers', 'both containers streaming');
      const status = part(el, 'status')!;
      expect(status.getAttribute('aria-live')).to.equal('off');
      expect(status.hasAttribute('role')).to.equal(false);
      const announcement = part(el, 'announcement')!;
      expect(announcement.getAttribute('role')).to.equal('status');
      expect(announcement.classList.contains('visually-hidden')).to.equal(true);
      expect(announcement.textContent).to.equal('Streaming');
      click(el, 'pause-button');
      sandbox.step(20_000);
      await until(() => /Paused — \d+ new lines/.test(statusText(el)), 'waiting lines');
      expect(announcement.textContent).to.equal('Paused');
      await expect(el).to.be.accessible();
    });

    it('fits a 320px-wide viewport without sideways scrolling (WCAG 1.4.10)', async () => {
      const {innerWidth: width, innerHeight: height} = window;
      await setViewport({width: 320, height: 640});
      try {
        const {sandbox, pod} = withPod();
        const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false}></kube-pod-logs>`, {sandbox, logs: () => generatedLog(3, (i) => `entry ${i}`)});
        await until(() => el.lineCount === 3, 'lines');
        type(el, 'entry');
        click(el, 'next-match');
        await el.updateComplete;
        expect(el.clientWidth).to.be.below(320);
        expect(el.scrollWidth, 'no part sticks out of the element').to.be.at.most(el.clientWidth);
      } finally {
        await setViewport({width, height});
      }
    });

    it('names the download menu only while it exists, and says why Previous is unavailable', async () => {
      const {sandbox, pod} = withPod();
      const {el} = await mount(html`<kube-pod-logs namespace="team-a" pod=${pod} .follow=${false}></kube-pod-logs>`, {sandbox, logs: () => generatedLog(3, (i) => `entry ${i}`)});
      await until(() => el.lineCount === 3, 'lines');
      const download = part(el, 'download-button')!;
      expect(download.hasAttribute('aria-controls'), 'no reference to a closed menu').to.equal(false);
      click(el, 'download-button');
      await el.updateComplete;
      expect(el.shadowRoot!.getElementById(download.getAttribute('aria-controls')!)).to.equal(part(el, 'download-menu'));
      const previous = part(el, 'previous-button') as HTMLButtonElement;
      expect(previous.getAttribute('aria-disabled')).to.equal('true');
      expect(previous.disabled, 'still focusable').to.equal(false);
      const reason = el.shadowRoot!.getElementById(previous.getAttribute('aria-describedby')!);
      expect(reason!.textContent).to.equal("The container hasn't restarted, so there is no previous log.");
      previous.click();
      await el.updateComplete;
      expect(el.previous, 'pressing it does nothing').to.equal(false);
      await expect(el).to.be.accessible();
    });

    it('shows pressed toggles in forced colours by the system selection colours', async () => {
      // The test runner cannot emulate forced-colors: this checks the rule is there.
      const el = await fixture<KubePodLogs>(html`<kube-pod-logs pod="x"></kube-pod-logs>`);
      const forced: CSSStyleRule[] = [];
      const walk = (rules: CSSRuleList, inForced: boolean) => {
        for (const rule of rules) {
          if (rule instanceof CSSMediaRule) walk(rule.cssRules, inForced || rule.conditionText.includes('forced-colors: active'));
          else if (rule instanceof CSSStyleRule) {
            if (inForced) forced.push(rule);
          } else if (rule instanceof CSSGroupingRule) walk(rule.cssRules, inForced);
        }
      };
      for (const sheet of el.shadowRoot!.adoptedStyleSheets) walk(sheet.cssRules, false);
      const pressed = forced.find((rule) => rule.selectorText.includes('[aria-pressed="true"]'));
      expect(pressed?.style.getPropertyValue('background-color').toLowerCase()).to.equal('highlight');
      expect(pressed?.style.getPropertyValue('color').toLowerCase()).to.equal('highlighttext');
    });

    it('without a provider says so', async () => {
      const el = await fixture<KubePodLogs>(html`<kube-pod-logs pod="x"></kube-pod-logs>`);
      expect(part(el, 'no-client')).to.exist;
      expect(el.hasState('no-client')).to.equal(true);
    });

    it('under a provider with no cluster, says it waits for one rather than asking for a pod', async () => {
      const sandbox = createSandbox({seed: 1});
      cleanups.push(() => sandbox.dispose());
      const transport = inMemoryTransport({clusters: sandbox.handlers(), tokenProvider: () => 'sandbox-admin'});
      transport.listClusters = () => Promise.reject(new Error('the gateway is down'));
      const client = createKubeClient({transport});
      cleanups.push(() => client.dispose());
      const provider = await fixture<HTMLElement>(html`<kube-provider .client=${client}><kube-pod-logs pod="web-1"></kube-pod-logs></kube-provider>`);
      const el = provider.querySelector<KubePodLogs>('kube-pod-logs')!;
      await until(() => el.hasState('no-cluster'), 'no cluster');
      expect(part(el, 'no-cluster')!.textContent).to.contain('Waiting for a cluster');
      expect(part(el, 'idle')).to.equal(null);
      await expect(el).to.be.accessible();
    });
  });
});

import {expect} from '@open-wc/testing';
import {Backoff, KubeApiError, KubeNetworkError, errorFromResponse, gatewayTransport, resolveTarget, scaleTarget, type InformerSnapshot, type KubeClient, type KubeObject, type TableRow} from '../../src/client/index.js';
import {sleep} from '../../src/client/backoff.js';
import {retryAfterMs} from '../../src/client/failures.js';
import {fakeApi, until, type FakeApi} from '../support/fake-api.js';

/** The 10 minutes every wait is bounded by. */
const MAX_WAIT_MS = 600_000;

const LIST = 'GET /api/v1/namespaces/team-a/pods';
const WATCH = 'GET /api/v1/namespaces/team-a/pods watch';

/** Subscribes and keeps the latest snapshot. */
function watchQuery<T = KubeObject>(client: KubeClient, query: {namespace?: string; table?: boolean}) {
  let last: InformerSnapshot<T> | undefined;
  const stop = client.subscribe<T>({cluster: 'one', resource: 'pods', ...query}, (snapshot) => (last = snapshot));
  return {stop, last: () => last};
}

const settled = (api: FakeApi, ms: number) => new Promise((resolve) => setTimeout(resolve, ms)).then(() => api);

describe('a hostile or broken server', () => {
  describe('retry delays', () => {
    it('backs off after a 429 whose retryAfterSeconds is not a number, instead of asking in a loop', async () => {
      const api = await fakeApi();
      const body = {kind: 'Status', status: 'Failure', code: 429, reason: 'TooManyRequests', message: 'slow down', details: {retryAfterSeconds: 'soon'}};
      await api.control('fault', {match: LIST, exact: true, status: 429, body, times: 100_000});
      const {stop, last} = watchQuery(api.client(), {namespace: 'team-a'});
      await settled(api, 1000);
      stop();
      // Backoff from 20 ms doubling to 200 ms: about eight in a second.
      expect(await api.count(LIST)).to.be.within(2, 30);
      expect((last()?.error as KubeApiError).code).to.equal(429);
    });

    it('bounds a Retry-After too long for a timer, which would otherwise wrap to no wait at all', async () => {
      const api = await fakeApi();
      await api.control('fault', {match: LIST, exact: true, status: 429, reason: 'TooManyRequests', headers: {'Retry-After': '2147484'}, times: 100_000});
      const {stop} = watchQuery(api.client(), {namespace: 'team-a'});
      await settled(api, 1000);
      stop();
      expect(await api.count(LIST)).to.equal(1);
    });

    it('reads Retry-After as an HTTP-date, and takes only finite positive waits, bounded to 10 minutes', async () => {
      const status = (details?: object) => JSON.stringify({kind: 'Status', code: 429, reason: 'TooManyRequests', message: 'slow down', details});
      const answer = (retryAfter: string | undefined, details?: object) =>
        errorFromResponse(new Response(status(details), {status: 429, headers: retryAfter === undefined ? {} : {'Retry-After': retryAfter}}));
      const inThirty = new Date(Date.now() + 30_000).toUTCString();
      expect((await answer(inThirty)).retryAfterSeconds).to.be.within(28, 31);
      expect((await answer(new Date(Date.now() - 30_000).toUTCString())).retryAfterSeconds, 'a date past').to.equal(undefined);
      for (const header of ['soon', '-5', '0', 'NaN', 'Infinity', '']) {
        expect((await answer(header)).retryAfterSeconds, `Retry-After: ${header}`).to.equal(undefined);
      }
      expect((await answer('2147484')).retryAfterSeconds).to.equal(MAX_WAIT_MS / 1000);
      for (const value of ['soon', -1, 0, null, {}, Number.MAX_VALUE]) {
        const error = await answer(undefined, {retryAfterSeconds: value});
        expect(retryAfterMs(error), `retryAfterSeconds: ${JSON.stringify(value)}`).to.be.within(0, MAX_WAIT_MS);
        expect(Number.isFinite(retryAfterMs(error))).to.equal(true);
      }
      expect((await answer(undefined, {retryAfterSeconds: 3})).retryAfterSeconds).to.equal(3);
      expect(retryAfterMs(await answer('7'))).to.equal(7000);
    });

    it('never hands a timer a wait it would wrap or a NaN', async () => {
      const backoff = new Backoff({initialMs: 20, maxMs: 200, jitter: 0});
      expect(backoff.next(Number.NaN)).to.equal(20);
      expect(backoff.next(1e12)).to.equal(MAX_WAIT_MS);
      expect(new Backoff({initialMs: 2 ** 40, jitter: 0, maxMs: 2 ** 40}).next()).to.equal(MAX_WAIT_MS);
      const abort = new AbortController();
      let resolved = false;
      const long = sleep(2 ** 31, abort.signal).then(() => (resolved = true), () => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(resolved, 'a sleep of 2^31 ms still waits').to.equal(false);
      abort.abort();
      await long;
    });
  });

  describe('error codes', () => {
    it('takes the code from the HTTP response: a 403 whose Status has no code is a refusal, not a network error', async () => {
      const api = await fakeApi();
      await api.control('fault', {match: LIST, exact: true, status: 403, body: {kind: 'Status', status: 'Failure', message: 'pods is forbidden'}, times: 100});
      const client = api.client();
      const error = (await client.list('one', 'pods', {namespace: 'team-a'}).catch((e: unknown) => e)) as KubeApiError;
      expect([error.code, error.reason, error.message, error.isForbidden]).to.deep.equal([403, 'Forbidden', 'pods is forbidden', true]);
      const {stop, last} = watchQuery(client, {namespace: 'team-a'});
      await until(() => last()?.status === 'forbidden', 'forbidden');
      await settled(api, 300);
      stop();
      expect(await api.count(LIST), 'asked again slowly, not with the fast backoff').to.be.at.most(2);
    });

    it("believes a body's code, reason and message only as far as they agree with the response and are text", async () => {
      const answer = (status: number, body: object) => errorFromResponse(new Response(JSON.stringify({kind: 'Status', ...body}), {status}));
      const stringCode = await answer(403, {code: '403', message: 'no'});
      expect([stringCode.code, stringCode.reason]).to.deep.equal([403, 'Forbidden']);
      const nonsense = await answer(503, {code: 'abc', message: 'busy'});
      expect([nonsense.code, nonsense.reason]).to.deep.equal([503, 'ServiceUnavailable']);
      const contradicted = await answer(403, {code: 500, reason: 'InternalError', message: 'no'});
      expect([contradicted.code, contradicted.reason]).to.deep.equal([403, 'Forbidden']);
      const objectMessage = await answer(503, {code: 503, message: {text: 'busy'}, reason: ['x']});
      expect(objectMessage.message).not.to.contain('[object');
      expect([objectMessage.message, objectMessage.reason]).to.deep.equal(['503 ServiceUnavailable', 'ServiceUnavailable']);
      const causes = await answer(422, {code: 422, message: 'invalid', details: {causes: 'all of them'}});
      expect(causes.details?.causes).to.deep.equal([]);
    });

    it('keeps the first 2,000 characters of an absurdly long message, and the whole body in status', async () => {
      const long = 'x'.repeat(100_000);
      const error = await errorFromResponse(new Response(JSON.stringify({kind: 'Status', code: 500, message: long}), {status: 500}));
      expect(error.message.length).to.equal(2001);
      expect(error.message.endsWith('…')).to.equal(true);
      expect(error.status.message!.length).to.equal(100_000);
    });
  });

  describe('badly shaped responses', () => {
    const list = (items: unknown) => ({kind: 'PodList', apiVersion: 'v1', metadata: {resourceVersion: '999999'}, items});
    const pod = (name: string) => ({kind: 'Pod', apiVersion: 'v1', metadata: {name, namespace: 'team-a', resourceVersion: '5'}});

    it('reads a list whose items are null as empty: no blank row', async () => {
      const api = await fakeApi();
      await api.control('fault', {match: LIST, exact: true, body: list(null), times: 2});
      const client = api.client();
      expect((await client.list('one', 'pods', {namespace: 'team-a'})).items).to.deep.equal([]);
      const {stop, last} = watchQuery(client, {namespace: 'team-a'});
      await until(() => last()?.listed === true, 'listed');
      stop();
      expect([...last()!.items.keys()]).to.deep.equal([]);
      expect(last()!.status).to.equal('ready');
    });

    for (const table of [false, true]) {
      it(`leaves out items that are not objects or have no name, and counts them${table ? ' (table mode)' : ''}`, async () => {
        const api = await fakeApi();
        const items = [null, 7, {kind: 'Pod'}, {kind: 'Pod', metadata: null}, {kind: 'Pod', metadata: {namespace: 'team-a'}}, pod('ok')];
        await api.control('fault', {match: LIST, exact: true, body: list(items), times: 2});
        const client = api.client();
        expect((await client.list('one', 'pods', {namespace: 'team-a'})).items.map((p) => p.metadata.name), 'client.list: objects with metadata').to.deep.equal([undefined, 'ok']);
        const {stop, last} = watchQuery(client, {namespace: 'team-a', table});
        await until(() => last()?.listed === true || last()?.status === 'error', 'listed');
        stop();
        expect(last()!.error?.message).to.equal(undefined);
        expect([...last()!.items.keys()]).to.deep.equal(['team-a/ok']);
        expect(last()!.malformed).to.equal(5);
      });
    }

    it('says a body that is not a JSON object (null, an array, HTML) is a malformed answer, with the HTTP status, not a network error', async () => {
      const api = await fakeApi();
      const client = api.client();
      await client.resolve('one', 'pods');
      for (const body of ['null', '[1,2]', '"pods"']) {
        await api.control('fault', {match: LIST, exact: true, body, headers: {'Content-Type': 'application/json'}});
        const error = (await client.list('one', 'pods', {namespace: 'team-a'}).catch((e: unknown) => e)) as Error & {code?: number};
        expect(error.name, body).to.equal('KubeMalformedResponseError');
        expect(error.code).to.equal(200);
        expect(error.message).to.contain('/api/v1/namespaces/team-a/pods');
      }
      await api.control('fault', {match: LIST, exact: true, body: '<!doctype html><html><body><form>Sign in</form></body></html>', headers: {'Content-Type': 'text/html'}, times: 100});
      const login = (await client.list('one', 'pods', {namespace: 'team-a'}).catch((e: unknown) => e)) as Error & {code?: number};
      expect(login).not.to.be.instanceOf(KubeNetworkError);
      expect([login.name, login.code]).to.deep.equal(['KubeMalformedResponseError', 200]);
      expect(login.message).to.contain('HTML').and.contain('login page');
      const {stop, last} = watchQuery(client, {namespace: 'team-a'});
      await until(() => last()?.status === 'error', 'error');
      stop();
      expect(last()!.error!.name).to.equal('KubeMalformedResponseError');
      expect(last()!.items.size).to.equal(0);
    });

    it('says a list whose items are not an array is malformed, rather than listing nothing', async () => {
      const api = await fakeApi();
      await api.control('fault', {match: LIST, exact: true, body: list('all of them'), times: 2});
      const client = api.client();
      const error = (await client.list('one', 'pods', {namespace: 'team-a'}).catch((e: unknown) => e)) as Error;
      expect(error.name).to.equal('KubeMalformedResponseError');
      const {stop, last} = watchQuery(client, {namespace: 'team-a'});
      await until(() => last()?.status === 'error', 'error');
      stop();
      expect(last()!.error!.name).to.equal('KubeMalformedResponseError');
    });

    for (const table of [false, true]) {
      it(`skips watch events it can't read and ignores unknown types, without reconnecting to read them again${table ? ' (table mode)' : ''}`, async () => {
        const api = await fakeApi();
        const events = [
          {type: 'ADDED', object: {kind: 'Pod'}},
          {type: 'MODIFIED', object: {kind: 'Pod', metadata: {namespace: 'team-a'}}},
          'not json {',
          {type: 'ADDED'},
          {type: 'SURPRISE', object: {kind: 'Pod', metadata: {name: 'ghost', namespace: 'team-a', resourceVersion: '1'}}},
        ];
        // Every watch replays them first, as a server replays a stored event to each watch from an older version.
        await api.control('fault', {match: WATCH, exact: true, events, times: 1000});
        const client = api.client();
        const {stop, last} = watchQuery<KubeObject | TableRow>(client, {namespace: 'team-a', table});
        await until(() => last()?.listed === true, 'listed');
        await settled(api, 300);
        await api.control('upsert', {resource: 'pods', namespace: 'team-a', name: 'fresh'});
        await until(() => last()!.items.has('team-a/fresh'), 'a later event applied');
        await settled(api, 1200);
        stop();
        expect(await api.count(WATCH), 'one watch, still open').to.equal(1);
        const keys = [...last()!.items.keys()];
        expect(keys).not.to.include('');
        expect(keys).not.to.include('team-a/ghost');
        expect(keys).to.have.length(8);
        expect(last()!.malformed).to.equal(4);
        expect(last()!.status).to.equal('ready');
      });
    }
  });

  describe('table rows without objects', () => {
    const table = (columns: object[], rows: unknown[][]) => ({
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: {resourceVersion: '999999'},
      columnDefinitions: columns,
      rows: rows.map((cells) => ({cells})),
    });
    const name = {name: 'Name', type: 'string', format: 'name'};
    const status = {name: 'Status', type: 'string', format: ''};

    it('keys them by the Name cell, in the query namespace or the Namespace cell, so rows stay apart', async () => {
      const api = await fakeApi();
      await api.control('fault', {match: LIST, exact: true, body: table([name, status], [['a', 'x'], ['b', 'y'], ['c', 'z']])});
      await api.control('fault', {match: 'GET /api/v1/pods', exact: true, body: table([{name: 'Namespace', type: 'string'}, name], [['team-a', 'a'], ['team-b', 'a']])});
      const client = api.client();
      const one = watchQuery<TableRow>(client, {namespace: 'team-a', table: true});
      const all = watchQuery<TableRow>(client, {table: true});
      await until(() => one.last()?.listed === true && all.last()?.listed === true, 'listed');
      one.stop();
      all.stop();
      expect([...one.last()!.items.keys()]).to.deep.equal(['team-a/a', 'team-a/b', 'team-a/c']);
      expect([...all.last()!.items.keys()]).to.deep.equal(['team-a/a', 'team-b/a']);
    });

    it('keys rows with no name to read by their place in the list, never all as one', async () => {
      const api = await fakeApi();
      await api.control('fault', {match: LIST, exact: true, body: table([status], [['x'], ['y'], ['z']])});
      const {stop, last} = watchQuery<TableRow>(api.client(), {namespace: 'team-a', table: true});
      await until(() => last()?.listed === true, 'listed');
      stop();
      const keys = [...last()!.items.keys()];
      expect(keys).to.have.length(3);
      expect(keys).not.to.include('');
      expect([...last()!.items.values()].map((row) => row.cells[0])).to.deep.equal(['x', 'y', 'z']);
    });
  });

  describe('cluster listing and scale', () => {
    const listing = (body: string) => gatewayTransport({fetch: async () => new Response(body, {headers: {'Content-Type': 'application/json'}})}).listClusters();

    it('says a cluster listing whose items are no list is malformed, and leaves out clusters without a name', async () => {
      const error = (await listing(JSON.stringify({items: 'prod'})).catch((e: unknown) => e)) as Error;
      expect(error.name).to.equal('KubeMalformedResponseError');
      const clusters = await listing(JSON.stringify({items: [{name: 'a'}, {}, {name: 5}, null, {name: ''}, {name: 'b', displayName: {x: 1}}]}));
      expect(clusters).to.deep.equal([{name: 'a'}, {name: 'b'}]);
    });

    it('puts a Scale back at the target it was read for, whatever namespace the returned Scale says', async () => {
      const api = await fakeApi();
      const path = '/apis/apps/v1/namespaces/team-a/deployments/web/scale';
      const scale = {kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: {name: 'web', resourceVersion: '5'}, spec: {replicas: 1}};
      await api.control('fault', {match: `GET ${path}`, exact: true, body: scale});
      await api.control('fault', {match: `PUT ${path}`, exact: true, body: {...scale, spec: {replicas: 3}}});
      const client = api.client();
      const target = await resolveTarget(client, {cluster: 'one', resource: 'deployments', namespace: 'team-a', name: 'web'});
      const error = await scaleTarget(client, target, 3).then(() => undefined, (e: Error) => e);
      expect(error?.message).to.equal(undefined);
      expect(await api.count(`PUT ${path}`)).to.equal(1);
      expect(await api.count('PUT /apis/apps/v1/deployments/web/scale'), 'never cluster-wide').to.equal(0);
    });
  });
});

import {expect} from '@open-wc/testing';
import {configureLocalization, str} from '@lit/localize';
import {describeError, unansweredDetail} from '../../src/internal/describe-error.js';
import {KubeApiError, KubeMalformedResponseError, KubeNetworkError} from '../../src/client/errors.js';

// This file's page has no other localization: a made-up locale shows what goes through msg().
const {setLocale} = configureLocalization({
  sourceLocale: 'en',
  targetLocales: ['x-test'],
  loadLocale: () => Promise.resolve({templates: {'kube.error.withHttpCode': str`${0} [Status ${1}]`}}),
});

const unknown = () => 'unknown error';
const apiError = new KubeApiError({kind: 'Status', code: 503, reason: 'ServiceUnavailable', message: 'etcd is down'});

describe('describeError', () => {
  afterEach(() => setLocale('en'));

  it('gives the message, with the HTTP code when the server answered', () => {
    expect(describeError(apiError, unknown)).to.equal('etcd is down (HTTP 503)');
    expect(describeError(new KubeNetworkError('connect ECONNREFUSED'), unknown)).to.equal('connect ECONNREFUSED');
    expect(describeError(undefined, unknown)).to.equal('unknown error');
  });

  it('words the HTTP code through msg(), so a locale can translate it', async () => {
    await setLocale('x-test');
    expect(describeError(apiError, unknown)).to.equal('etcd is down [Status 503]');
  });

  it('tells an answer that is not the API\'s (a login page) from no answer at all', () => {
    const noResponse = () => 'no response';
    expect(unansweredDetail(apiError, noResponse), 'an API error has its code').to.be.undefined;
    expect(unansweredDetail(new KubeNetworkError('Failed to fetch'), noResponse)).to.equal('no response');
    expect(unansweredDetail(new KubeMalformedResponseError(200, 'The server answered 200 with HTML, not JSON'), noResponse)).to.equal(
      'The server answered (HTTP 200), but not as the Kubernetes API does: a login page or a proxy may be in the way.'
    );
  });
});

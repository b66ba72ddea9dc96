import {expect} from '@open-wc/testing';
import {configureLocalization, str} from '@lit/localize';
import {describeError} from '../../src/internal/describe-error.js';
import {KubeApiError, KubeNetworkError} from '../../src/client/errors.js';

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
});

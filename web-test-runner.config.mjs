// Browser tests in the real Chromium: test/**/*.test.ts except the Node ones (*.node.test.ts).
import {writeFileSync, mkdirSync} from 'node:fs';
import {dirname, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {esbuildPlugin} from '@web/dev-server-esbuild';
import {chromeLauncher} from '@web/test-runner-chrome';
import {defaultReporter, summaryReporter} from '@web/test-runner';
import {register} from 'tsx/esm/api';
import {CHROME_FLAGS} from './scripts/ensure-deps.mjs';

const root = dirname(fileURLToPath(import.meta.url));
register();
const {FakeApiServer} = await import('./test/support/fake-apiserver.ts');
/** One fake API server per test (`/fake-k8s/{id}/…`), so test files running at once don't collide. */
const fakeApis = new Map();

/** Writes {passed, failed, skipped} for scripts/test.mjs's summary line. */
function countsReporter(file) {
  return {
    onTestRunFinished({sessions}) {
      const counts = {passed: 0, failed: 0, skipped: 0};
      const walk = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) counts.skipped++;
          else if (test.passed) counts.passed++;
          else counts.failed++;
        }
        for (const child of suite.suites) walk(child);
      };
      for (const session of sessions) {
        if (session.testResults) walk(session.testResults);
        // A file that failed to load or threw outside a test counts as one failure.
        if (session.errors?.length || (!session.passed && !session.testResults)) counts.failed++;
      }
      mkdirSync(dirname(file), {recursive: true});
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}

export default {
  rootDir: root,
  files: ['test/**/*.test.ts', '!test/**/*.node.test.ts', '!test/testenv/**', '!test/contract/**'],
  nodeResolve: {exportConditions: ['browser', 'development']},
  concurrency: 2,
  testFramework: {config: {timeout: 10000}},
  // The setup first (see the file): a failed comparison of elements is reported, not stalled on.
  testRunnerHtml: (testFramework) =>
    `<html><head><script type="module" src="/test/support/browser-setup.ts"></script></head><body><script type="module" src="${testFramework}"></script></body></html>`,
  testsFinishTimeout: 300000,
  plugins: [esbuildPlugin({ts: true, tsconfig: resolve(root, 'tsconfig.json'), target: 'es2022'})],
  middleware: [
    (ctx, next) => {
      if (!ctx.path.startsWith('/fake-k8s/')) return next();
      const id = ctx.path.split('/')[2];
      if (!fakeApis.has(id)) fakeApis.set(id, new FakeApiServer());
      ctx.respond = false;
      return fakeApis.get(id).handle(ctx.req, ctx.res, `/fake-k8s/${id}`);
    },
  ],
  browsers: [
    chromeLauncher({
      // gc() lets memory tests measure what is retained, not garbage a collection hasn't reached yet.
      launchOptions: {executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: [...CHROME_FLAGS, '--js-flags=--expose-gc']},
    }),
  ],
  reporters: [
    defaultReporter(),
    summaryReporter({flatten: false}),
    ...(process.env.WTR_COUNTS_FILE ? [countsReporter(process.env.WTR_COUNTS_FILE)] : []),
  ],
};

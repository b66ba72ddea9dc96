/**
 * Loaded before every browser test file. A failed assertion carries its `actual` and `expected`
 * values to the test runner, which serializes them: a DOM element (with its whole document behind
 * it) stalls that, so the run ends minutes later as "did not finish" instead of naming the test.
 * Elements are described in words instead — the message already says what was compared.
 */
// The pure entry: the first import of '@open-wc/testing' (a test file's, once mocha is loaded) then
// registers its fixture clean-up after each test. Imported here, before mocha, it never could.
import * as pure from '@open-wc/testing/pure';

// Its typings leave `chai` out; the module exports it, the same instance '@open-wc/testing' does.
const {chai} = pure as unknown as {chai: Chai.ChaiStatic};

const describeNode = (value: unknown) =>
  value instanceof Element ? `<${value.localName}${value.id ? `#${value.id}` : ''}${value.getAttribute('part') ? ` part="${value.getAttribute('part')}"` : ''}>` : value instanceof Node ? value.nodeName : value;

const assert = chai.Assertion.prototype.assert;
chai.Assertion.prototype.assert = function (this: Chai.AssertionStatic, ...args: Parameters<typeof assert>) {
  try {
    return assert.apply(this, args);
  } catch (error) {
    const failure = error as {actual?: unknown; expected?: unknown};
    if (failure && typeof failure === 'object') {
      failure.actual = describeNode(failure.actual);
      failure.expected = describeNode(failure.expected);
    }
    throw error;
  }
};

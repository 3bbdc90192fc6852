import { DEFAULT_HELM_TIMEOUT_MS, helmErrorLine, helmTimedOut, helmTimeoutMs } from '../../../src/engine/charts/helm-process';
import { UserError } from '../../../src/errors';

describe('helmTimeoutMs', () => {
  test('is 120 s unless told otherwise', () => {
    expect(helmTimeoutMs(undefined, {})).toBe(DEFAULT_HELM_TIMEOUT_MS);
    expect(DEFAULT_HELM_TIMEOUT_MS).toBe(120_000);
  });

  test('takes CDK8S_ISTIO_HELM_TIMEOUT in seconds, and an explicit limit over it', () => {
    expect(helmTimeoutMs(undefined, { CDK8S_ISTIO_HELM_TIMEOUT: '300' })).toBe(300_000);
    expect(helmTimeoutMs(undefined, { CDK8S_ISTIO_HELM_TIMEOUT: '1.5' })).toBe(1500);
    expect(helmTimeoutMs(5000, { CDK8S_ISTIO_HELM_TIMEOUT: '300' })).toBe(5000);
  });

  test.each(['abc', '0', '-5', '5m'])('refuses CDK8S_ISTIO_HELM_TIMEOUT=%s with one line naming it and the fix', (text) => {
    expect(() => helmTimeoutMs(undefined, { CDK8S_ISTIO_HELM_TIMEOUT: text })).toThrow(UserError);
    expect(() => helmTimeoutMs(undefined, { CDK8S_ISTIO_HELM_TIMEOUT: text })).toThrow(
      `CDK8S_ISTIO_HELM_TIMEOUT=${JSON.stringify(text)} is not a number of seconds; set it to e.g. 300`,
    );
  });

  test('refuses an explicit limit that is not positive', () => {
    expect(() => helmTimeoutMs(0, {})).toThrow(/renderTimeout of 0 ms is not a positive duration/);
  });
});

describe('helm messages', () => {
  test('a timeout names the command, the limit and both ways to raise it', () => {
    expect(helmTimedOut('helm pull', 2000)).toBe(
      "helm pull did not finish within 2 s and was stopped; raise the limit with the construct's renderTimeout prop or CDK8S_ISTIO_HELM_TIMEOUT=<seconds>",
    );
  });

  test("helm's error is the last line starting with Error:, without the prefix", () => {
    expect(helmErrorLine('walk.go:74: found symbolic link\nError: execution error at (x): boom\n  details\n')).toBe(
      'execution error at (x): boom',
    );
  });

  test('a schema failure keeps the values it names, which helm lists below its Error: line', () => {
    const stderr =
      "Error: values don't meet the specifications of the schema(s) in the following chart(s):\ngateway:\n- at '': validation failed\n" +
      "  - at '/service/ports/0/port': got string, want integer\n  - at '': additional properties 'hostNetwork' not allowed\n";
    expect(helmErrorLine(stderr)).toBe(
      "values don't meet the specifications of the schema(s) in the following chart(s): gateway: - at '': validation failed " +
        "- at '/service/ports/0/port': got string, want integer - at '': additional properties 'hostNetwork' not allowed",
    );
  });

  test('without an Error: line, all lines joined; nothing for an empty stderr', () => {
    expect(helmErrorLine('first\n\nsecond\n')).toBe('first; second');
    expect(helmErrorLine('  \n')).toBeUndefined();
  });
});

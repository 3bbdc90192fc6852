import { controlCharacterErrors } from '../../../src/model/values/control-characters';

describe('controlCharacterErrors', () => {
  test('accepts ordinary values', () => {
    expect(
      controlCharacterErrors('istiod', { global: { imagePullSecrets: ['regcred'], hub: 'docker.io/istio' }, replicaCount: 2 }),
    ).toEqual([]);
  });

  test.each([
    ['\n', 'a line feed (U+000A)'],
    ['\r', 'a carriage return (U+000D)'],
    ['\t', 'a tab (U+0009)'],
    ['\u0000', 'the control character U+0000'],
    ['\u007f', 'the control character U+007F'],
    ['\u0085', 'the control character U+0085'],
    ['\u2028', 'the control character U+2028'],
    ['\u2029', 'the control character U+2029'],
  ])('refuses %j, naming the value path and the fix', (char, described) => {
    expect(controlCharacterErrors('base', { global: { imagePullSecrets: ['ok', `reg${char}cred`] } })).toEqual([
      `values.global.imagePullSecrets[1] holds ${described} at position 3: the chart prints this value as it is, so a line break ` +
        'or control character could add YAML of its own to the output; remove it (give a single-line value)',
    ]);
  });

  test('names keys that are not plain identifiers in brackets, and refuses control characters in keys', () => {
    expect(controlCharacterErrors('istiod', { podAnnotations: { 'example.com/x': 'a\nb' } })).toEqual([
      expect.stringMatching(/^values\.podAnnotations\["example\.com\/x"\] holds a line feed/),
    ]);
    expect(controlCharacterErrors('istiod', { env: { 'A\nB': '1' } })).toEqual([
      'values.env has the key "A\\nB" with a line feed (U+000A): the chart may print keys as they are; rename the key',
    ]);
  });

  test('lets multi-line injection templates and CA certificates through on the istiod chart only', () => {
    const values = {
      sidecarInjectorWebhook: { templates: { custom: 'spec:\n\tcontainers: []\n' } },
      meshConfig: { caCertificates: [{ pem: '-----BEGIN CERTIFICATE-----\nMII\n-----END CERTIFICATE-----\n' }] },
    };
    expect(controlCharacterErrors('istiod', values)).toEqual([]);
    expect(controlCharacterErrors('base', values)).toHaveLength(2);
  });

  test('still refuses other control characters on the allow-listed paths, and line breaks next to them', () => {
    expect(controlCharacterErrors('istiod', { sidecarInjectorWebhook: { templates: { custom: 'a\r\nb' } } })).toEqual([
      'values.sidecarInjectorWebhook.templates.custom holds a carriage return (U+000D) at position 1: only line breaks (\\n) and tabs may appear in this multi-line value; remove it',
    ]);
    expect(controlCharacterErrors('istiod', { meshConfig: { caCertificates: [{ pem: 'ok', trustDomains: ['a\nb'] }] } })).toHaveLength(1);
    expect(controlCharacterErrors('istiod', { meshConfig: { rootNamespace: 'istio-system\n  x: y' } })).toHaveLength(1);
  });
});

import { redactUrl, redactUrls } from '../../../src/engine/charts/redact-url';

describe('redactUrl', () => {
  test('hides the user and password of a URL', () => {
    expect(redactUrl('https://user:token@charts.example/istio')).toBe('https://***@charts.example/istio');
    expect(redactUrl('oci://robot@registry.example/charts')).toBe('oci://***@registry.example/charts');
  });

  test('hides the values of query parameters that look like secrets, keeps the others', () => {
    expect(redactUrl('https://bucket.example/index.yaml?X-Amz-Signature=abc&version=2&access_token=t0k')).toBe(
      'https://bucket.example/index.yaml?X-Amz-Signature=***&version=2&access_token=***',
    );
  });

  test('leaves a URL without secrets as it is', () => {
    expect(redactUrl('https://istio-release.storage.googleapis.com/charts')).toBe('https://istio-release.storage.googleapis.com/charts');
  });
});

describe('redactUrls', () => {
  test('redacts every URL inside a message', () => {
    expect(redactUrls('failed to fetch https://u:p@a.example/x and oci://v:q@b.example/y: 401')).toBe(
      'failed to fetch https://***@a.example/x and oci://***@b.example/y: 401',
    );
  });
});

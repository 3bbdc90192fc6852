import { MARKER_FILE, markerText, parseMarker } from '../../../src/engine/output/marker';

describe('the output marker', () => {
  test('is a plain-text file that no GitOps tool reads as a manifest', () => {
    expect(MARKER_FILE).toBe('.cdk8s-istio-output');
    expect(MARKER_FILE).not.toMatch(/\.(ya?ml|json)$/);
  });

  test('holds one comment line, then the files in code-unit order, whatever order they came in', () => {
    const text = markerText(['b.yaml', 'a/z.yaml', 'B.yaml', 'a.yaml']);
    expect(text.split('\n')).toEqual([
      expect.stringMatching(/^# .*replaces this folder whole/),
      'B.yaml',
      'a.yaml',
      'a/z.yaml',
      'b.yaml',
      '',
    ]);
    expect(markerText(['a.yaml', 'b.yaml', 'B.yaml', 'a/z.yaml'])).toBe(text);
  });

  test('reads back the files it lists, also one whose name starts with #, and with CRLF line ends', () => {
    const files = ['#odd.yaml', 'x/y.yaml'];
    expect(parseMarker(markerText(files))).toEqual(new Set(files));
    expect(parseMarker(markerText(files).replace(/\n/g, '\r\n'))).toEqual(new Set(files));
  });

  test('an empty output lists nothing', () => {
    expect(parseMarker(markerText([]))).toEqual(new Set());
  });
});

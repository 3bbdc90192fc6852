import { type Cell, renderReport } from '../../bench/report';
import { type InjectBenchResult } from '../../bench/inject';

const inject: InjectBenchResult = {
  documents: 10,
  runs: 1,
  injectMs: 1,
  roundTripMs: 1,
  injectDocsPerSecond: 10,
  roundTripDocsPerSecond: 10,
  ratio: 1,
  targetRatio: 2,
  withinTarget: true,
};

const cell = (label: string, n: number, wallMs: number): Cell => ({
  label,
  n,
  runs: 1,
  wallMs,
  innerMs: wallMs / 2,
  maxRssKb: 1024,
  outputBytes: 1,
});

const cells = [
  cell('a plain', 1000, 2000),
  cell('c pre-injected', 1000, 1500),
  cell('a plain', 10000, 80_000),
  cell('c pre-injected', 10000, 12_000),
];

test('judges c/a at the largest N and the c wall time at N = 1000', () => {
  const text = renderReport({
    cells,
    example: { label: 'example', n: undefined, runs: 0 },
    inject,
    scale: undefined,
    charts: 'x',
    sizes: [1000, 10000],
  });
  expect(text).toContain('- c/a at N = 10000: 0.15x, target <= 2.00x: met');
  expect(text).toContain('- c wall at N = 1000: 1500 ms, target <= 10.0 s: met');
  expect(text).toContain('The CLI at scale: not measured (--no-scale).');
});

test('adds the scale table when the scale runs ran', () => {
  const scale = [{ label: 'analyze, 1,000,000 ConfigMaps', inputBytes: 1, outputBytes: 1, wallMs: 1, maxRssKb: 1 }];
  const text = renderReport({ cells, example: { label: 'example', n: undefined, runs: 0 }, inject, scale, charts: 'x', sizes: [1000] });
  expect(text).toMatch(/\| analyze, 1,000,000 ConfigMaps \| .* \| met \|/);
});

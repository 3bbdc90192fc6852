import { parseCliRunReport } from '../../bench/cli-run';

test('reads the report from the last stderr line of a run', () => {
  expect(parseCliRunReport('warning: x\n{"code":0,"maxRssKb":1234}\n')).toEqual({ code: 0, maxRssKb: 1234 });
});

test('finds no report when the run ended otherwise', () => {
  expect(parseCliRunReport('internal error: boom\n')).toBeUndefined();
  expect(parseCliRunReport('{"code":"0"}')).toBeUndefined();
});

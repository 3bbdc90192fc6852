// docs/analysis.md lists every analysis rule; this keeps that table equal to the rule registry.
import * as fs from 'fs';
import * as path from 'path';
import { ALL_RULES } from '../../src/engine/analysis/rules';

const DOC = path.join(__dirname, '..', '..', 'docs', 'analysis.md');

/** The table rows the registry gives: by code, then title; `|` escaped for markdown. */
function expectedRows(): string[] {
  return [...ALL_RULES]
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.title < b.title ? -1 : 1))
    .map((r) => `| ${r.code} | ${r.level} | ${r.title}: ${r.explanation.replace(/\|/g, '\\|')} |`);
}

function documentedRows(): string[] {
  const text = fs.readFileSync(DOC, 'utf-8');
  const begin = text.indexOf('<!-- rules:begin -->');
  const end = text.indexOf('<!-- rules:end -->');
  expect(begin).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(begin);
  return text
    .slice(begin, end)
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| code |'));
}

test('the rule table of docs/analysis.md matches ALL_RULES (on failure, paste the expected rows)', () => {
  expect(documentedRows().join('\n')).toBe(expectedRows().join('\n'));
});

test('the table covers every rule code', () => {
  const codes = new Set(documentedRows().map((row) => row.split(' | ')[0].slice(2)));
  expect(codes).toEqual(new Set(ALL_RULES.map((r) => r.code)));
});

import { type ReportFormat, writeReport } from '../../../src/cli/commands/analyze-report';
import { type OutputSink } from '../../../src/cli/output';
import { type AnalysisResult } from '../../../src/engine/analysis/analyze';
import { type Finding } from '../../../src/engine/analysis/rule';

/** Collects what a report writes, and whether it committed. */
class Collect implements OutputSink {
  text = '';
  committed = false;
  async write(text: string): Promise<void> {
    this.text += text;
  }
  async commit(): Promise<void> {
    this.committed = true;
  }
  abort(): void {}
}

const error: Finding = {
  code: 'CDK8SI011',
  level: 'error',
  message: 'Job legacy/client runs without a sidecar',
  objects: [
    { kind: 'Job', namespace: 'legacy', name: 'client', source: { file: 'a.yaml', line: 8 } },
    { kind: 'PeerAuthentication', namespace: 'shop', name: 'strict', source: { constructPath: 'app/shop/mtls' } },
  ],
};
const info: Finding = { code: 'IST0102', level: 'info', message: 'not injected', objects: [{ kind: 'Namespace', name: 'plain' }] };

async function report(result: AnalysisResult, format: ReportFormat): Promise<Collect> {
  const sink = new Collect();
  await writeReport(sink, result, 3, format);
  return sink;
}

describe('the text report', () => {
  test('names each finding with its objects, then counts by level', async () => {
    const sink = await report({ findings: [error, info], suppressed: { byPattern: 0, byAnnotation: 0 } }, 'text');
    expect(sink.text).toBe(
      'Error [CDK8SI011] (Job legacy/client a.yaml:8) Job legacy/client runs without a sidecar\n' +
        '  also: PeerAuthentication shop/strict [app/shop/mtls]\n' +
        'Info [IST0102] (Namespace plain) not injected\n' +
        '2 finding(s): 1 error, 0 warning, 1 info\n',
    );
    expect(sink.committed).toBe(true);
  });

  test('counts suppressed findings in one line, also when nothing else is left', async () => {
    const sink = await report({ findings: [], suppressed: { byPattern: 2, byAnnotation: 1 } }, 'text');
    expect(sink.text).toBe(
      'no findings in 3 object(s)\n3 finding(s) suppressed: 2 by --suppress, 1 by the galley.istio.io/analyze-suppress annotation\n',
    );
  });
});

/** A finding quoting a megabyte host (and with a line break in it), on an object with a megabyte name. */
const huge: Finding = {
  code: 'IST0174',
  level: 'warning',
  message: `DestinationRule shop/x: host 'h\n${'h'.repeat(1_000_000)}' matches no Service; correct the host or add the Service`,
  objects: [{ kind: 'DestinationRule', namespace: 'shop', name: 'n'.repeat(1_000_000), source: { file: 'dr.yaml', line: 2 } }],
};

describe('findings quoting a megabyte of input', () => {
  test('stay one short text line that keeps its start and its fix', async () => {
    const sink = await report({ findings: [huge], suppressed: { byPattern: 0, byAnnotation: 0 } }, 'text');
    const [line, count] = sink.text.trimEnd().split('\n');
    expect(count).toBe('1 finding(s): 0 error, 1 warning, 0 info');
    expect(line.length).toBeLessThan(1400);
    expect(line).toMatch(
      /^Warning \[IST0174\] \(DestinationRule shop\/n{253}\.\.\. \(1000000 characters\) dr\.yaml:2\) DestinationRule shop\/x: host 'h\\nh+ \[\.\.\. /,
    );
    expect(line.endsWith('correct the host or add the Service')).toBe(true);
  });

  test('are cut the same way in JSON, whose own escapes stay JSON escapes', async () => {
    const sink = await report({ findings: [huge], suppressed: { byPattern: 0, byAnnotation: 0 } }, 'json');
    expect(sink.text.length).toBeLessThan(2000);
    const [f] = JSON.parse(sink.text).findings;
    expect(f.message).toMatch(
      /^DestinationRule shop\/x: host 'h\nh+ \[\.\.\. \d+ characters \.\.\.\] h+' matches no Service; correct the host or add the Service$/,
    );
    expect(f.objects[0].name).toBe(`${'n'.repeat(253)}... (1000000 characters)`);
  });
});

describe('the JSON report', () => {
  test.each([
    ['with findings', [error, info]],
    ['without findings', []],
  ])('is what JSON.stringify(report, null, 2) gives, %s', async (_what, findings) => {
    const sink = await report({ findings, suppressed: { byPattern: 1, byAnnotation: 0 } }, 'json');
    const parsed = JSON.parse(sink.text);
    expect(sink.text).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    expect(parsed.suppressed).toEqual({ byPattern: 1, byAnnotation: 0 });
    expect(parsed.findings).toHaveLength(findings.length);
  });

  test('lists objects with file and line, or construct path', async () => {
    const parsed = JSON.parse((await report({ findings: [error], suppressed: { byPattern: 0, byAnnotation: 0 } }, 'json')).text);
    expect(parsed.findings[0].objects).toEqual([
      { kind: 'Job', namespace: 'legacy', name: 'client', file: 'a.yaml', line: 8 },
      { kind: 'PeerAuthentication', namespace: 'shop', name: 'strict', constructPath: 'app/shop/mtls' },
    ]);
  });
});

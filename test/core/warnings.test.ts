import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { addSynthWarning, describeWarning, synthWarnings } from '../../src/core/warnings';
import { MeshApp } from '../../src/synth/mesh-app';

describe('synth warnings', () => {
  test('are collected with the construct path, in tree order', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const a = new Construct(chart, 'a');
    const b = new Construct(chart, 'b');
    addSynthWarning(b, 'second');
    addSynthWarning(a, 'first');
    expect(synthWarnings(chart.node.findAll())).toEqual([
      { path: 'c/a', message: 'first' },
      { path: 'c/b', message: 'second' },
    ]);
    expect(describeWarning({ path: 'c/a', message: 'first' })).toBe('warning [c/a] first');
  });

  test('MeshApp prints each warning on stderr and still synthesizes', () => {
    const app = new MeshApp({ outdir: '/nonexistent-not-written' });
    addSynthWarning(new Construct(new Chart(app, 'c'), 'x'), 'values.foo is ignored; remove it');
    const lines: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      app.synthFiles();
    } finally {
      spy.mockRestore();
    }
    expect(lines).toContain('warning [c/x] values.foo is ignored; remove it\n');
  });
});

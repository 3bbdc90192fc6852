import { Chart, Testing } from 'cdk8s';
import * as path from 'path';
import { Istiod } from '../../src/constructs/control-plane/istiod';
import { WorkloadInjection } from '../../src/constructs/workload-injection';
import { ChartSource } from '../../src/engine/charts/chart-source';

/** A value of the wrong type, as plain JavaScript callers may pass. */
const wrong = (v: unknown) => v as never;

describe('WorkloadInjection', () => {
  test('webhook() keeps its revision and whether the control plane is external', () => {
    const inj = WorkloadInjection.webhook({ revision: 'canary', external: true });
    expect([inj.kind, inj.revision, inj.external]).toEqual(['webhook', 'canary', true]);
    expect(inj.toString()).toBe('webhook/canary');
    expect(WorkloadInjection.webhook().toString()).toBe('webhook');
    expect(WorkloadInjection.disabled().toString()).toBe('disabled');
  });

  test('preInjected() defaults to native sidecars and an Istiod of the app', () => {
    const inj = WorkloadInjection.preInjected();
    expect([inj.kind, inj.nativeSidecars, inj.external, inj.istiod]).toEqual(['pre-injected', true, false, undefined]);
    expect(WorkloadInjection.preInjected({ nativeSidecars: false }).nativeSidecars).toBe(false);
    expect(WorkloadInjection.preInjected({ revision: 'canary', external: true }).toString()).toBe('pre-injected/canary');
  });

  test('preInjected({ istiod }) names the revision of that istiod', () => {
    const sources = [ChartSource.localDir(path.join(__dirname, '..', 'fixtures', 'charts'))];
    const istiod = new Istiod(new Chart(Testing.app(), 'cp'), 'Canary', { revision: 'canary', sources });
    expect(WorkloadInjection.preInjected({ istiod }).toString()).toBe('pre-injected/canary');
    expect(WorkloadInjection.preInjected({ istiod, external: true }).validate()).toEqual([
      'preInjected() takes either istiod or revision/external: the istiod already names its revision',
    ]);
  });

  test('valid options have no problems', () => {
    expect(WorkloadInjection.webhook({ revision: 'canary' }).validate()).toEqual([]);
    expect(WorkloadInjection.preInjected({ external: true, overrides: { set: ['a=b'] } }).validate()).toEqual([]);
    expect(WorkloadInjection.disabled().validate()).toEqual([]);
  });

  test.each([
    [
      'a revision that is no dns-1123 label',
      WorkloadInjection.webhook({ revision: 'Canary' }),
      "revision 'Canary' is not a valid dns-1123 label",
    ],
    ['external given as a string', WorkloadInjection.webhook({ external: wrong('true') }), "external must be true or false, got 'true'"],
    [
      'options that are no object',
      WorkloadInjection.webhook(wrong('canary')),
      "WorkloadInjection.webhook() takes an options object, got 'canary'",
    ],
    [
      'nativeSidecars given as a number',
      WorkloadInjection.preInjected({ nativeSidecars: wrong(0) }),
      'nativeSidecars must be true or false, got number 0',
    ],
    [
      'overrides without an external control plane',
      WorkloadInjection.preInjected({ overrides: { set: ['a=b'] } }),
      'preInjected() overrides apply to an external control plane',
    ],
    ['null options', WorkloadInjection.preInjected(wrong(null)), 'WorkloadInjection.preInjected() takes an options object, got null'],
  ])('reports %s', (_case, inj, problem) => {
    expect(inj.validate()).toEqual([expect.stringContaining(problem)]);
  });

  test('is recognised by its brand, not by its shape', () => {
    expect(WorkloadInjection.isWorkloadInjection(WorkloadInjection.disabled())).toBe(true);
    expect(WorkloadInjection.isWorkloadInjection({ kind: 'webhook', external: false })).toBe(false);
    expect(WorkloadInjection.isWorkloadInjection(undefined)).toBe(false);
  });
});

import { isHandledKind, locatePod } from '../../../src/engine/injection/kinds';

describe('pod template location', () => {
  it('knows the workload kinds by kind alone and leaves others alone', () => {
    expect(['StatefulSet', 'CronJob', 'DeploymentConfig', 'List', 'Pod'].every(isHandledKind)).toBe(true);
    expect(isHandledKind('Service')).toBe(false);
    expect(isHandledKind('Rollout')).toBe(false);
    expect(isHandledKind(undefined)).toBe(false);
  });

  it('uses the job template metadata of a CronJob', () => {
    const cron = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { jobTemplate: { spec: { template: { spec: {} } } } },
    };
    const target = locatePod(cron)!;
    expect(target.holder).toBe(cron.spec.jobTemplate);
    expect(target.specHolder).toBe(cron.spec.jobTemplate.spec.template);
    expect(target.deployMeta).toEqual({ name: 'c', namespace: '' });
  });

  it('names a generated pod after its controlling Deployment', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'web-5d8f-',
        labels: { 'pod-template-hash': '5d8f' },
        namespace: 'shop',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f', controller: true }],
      },
      spec: {},
    };
    const target = locatePod(pod)!;
    expect(target.typeMeta).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment' });
    expect(target.deployMeta).toEqual({ name: 'web', namespace: 'shop' });
  });

  it('names a bare pod after itself', () => {
    const target = locatePod({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: {} })!;
    expect(target.typeMeta).toEqual({ apiVersion: 'v1', kind: 'Pod' });
    expect(target.deployMeta.name).toBe('p');
  });

  it('finds nothing in a workload without a template', () => {
    expect(locatePod({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: {}, spec: {} })).toBeUndefined();
  });
});

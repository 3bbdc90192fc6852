import { ApiObject, App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { declareExternalHosts } from '../../src/constructs/external-hosts';
import { addToMesh } from '../../src/constructs/workloads';
import { SIDECAR_INJECT_LABEL } from '../../src/model/injection-mode';
import { EXTERNAL_HOSTS_ANNOTATION } from '../../src/model/external-hosts';
import { at } from '../support/json';
import { findInChart, validationErrors } from '../support/chart';

describe('declareExternalHosts', () => {
  test("writes the sorted hosts of every call to a cdk8s-plus workload's pod template annotation", () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'shop' });
    const web = new kplus.Deployment(chart, 'web', {
      metadata: { name: 'web' },
      containers: [{ image: 'nginx', securityContext: { ensureNonRoot: false } }],
    });
    declareExternalHosts(web, ['api.stripe.com']);
    declareExternalHosts(web, ['www.googleapis.com', 'api.stripe.com']);
    expect(validationErrors(app)).toEqual([]);
    expect(at(findInChart(chart, 'Deployment', 'web'), 'spec', 'template', 'metadata', 'annotations', EXTERNAL_HOSTS_ANNOTATION)).toBe(
      'api.stripe.com,www.googleapis.com',
    );
  });

  test('patches the pod template of a plain ApiObject workload', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const job = new ApiObject(chart, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'sync' },
      spec: { template: { spec: { containers: [] } } },
    });
    declareExternalHosts(job, ['api.example.com']);
    expect(validationErrors(app)).toEqual([]);
    expect(at(findInChart(chart, 'Job', 'sync'), 'spec', 'template', 'metadata', 'annotations', EXTERNAL_HOSTS_ANNOTATION)).toBe(
      'api.example.com',
    );
  });

  test.each([
    ['before', true],
    ['after', false],
  ])('keeps both its annotation and the mesh label on a template without metadata, declared %s addToMesh', (_when, hostsFirst) => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const job = new ApiObject(chart, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'sync' },
      spec: { template: { spec: { containers: [] } } },
    });
    if (hostsFirst) declareExternalHosts(job, ['api.example.com']);
    addToMesh(job);
    if (!hostsFirst) declareExternalHosts(job, ['api.example.com']);
    expect(validationErrors(app)).toEqual([]);
    const template = at(findInChart(chart, 'Job', 'sync'), 'spec', 'template', 'metadata');
    expect(at(template, 'annotations', EXTERNAL_HOSTS_ANNOTATION)).toBe('api.example.com');
    expect(at(template, 'labels', SIDECAR_INJECT_LABEL)).toBe('true');
  });

  test('fails on a URL instead of a host and on something that is not a workload', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const cm = new ApiObject(chart, 'Cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } });
    const job = new ApiObject(chart, 'Job', {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'sync' },
      spec: { template: { spec: {} } },
    });
    declareExternalHosts(cm, ['a.example.com']);
    declareExternalHosts(job, ['https://api.example.com/v1']);
    expect(validationErrors(app)).toEqual([
      expect.stringMatching(/^declareExternalHosts: expected a workload .*, got an ApiObject 'cfg' \(kind ConfigMap\)/),
      expect.stringMatching(/^external host 'https:\/\/api.example.com\/v1' is not a host name/),
    ]);
  });
});

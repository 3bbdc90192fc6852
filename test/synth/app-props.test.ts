import { YamlOutputType } from 'cdk8s';
import { UserError } from '../../src/errors';
import { checkAppProps, constructMetadataJson, recordsConstructMetadata } from '../../src/synth/app-props';

describe('checkAppProps', () => {
  test('accepts every prop MeshApp honours', () => {
    expect(() =>
      checkAppProps({
        outdir: 'out',
        outputFileExtension: '.k8s.yml',
        yamlOutputType: YamlOutputType.FILE_PER_CHART,
        recordConstructMetadata: true,
        resolvers: [],
        layout: undefined,
        syncWaves: true,
        analysis: {},
      }),
    ).not.toThrow();
  });

  test.each([
    ['FILE_PER_APP', YamlOutputType.FILE_PER_APP],
    ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE],
    ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
  ])('rejects yamlOutputType %s, pointing at layout', (_name, type) => {
    expect(() => checkAppProps({ yamlOutputType: type })).toThrow(UserError);
    expect(() => checkAppProps({ yamlOutputType: type })).toThrow(
      `MeshApp does not take yamlOutputType (YamlOutputType.${YamlOutputType[type]}): it writes files by its layout; ` +
        'remove yamlOutputType and set layout: OutputLayout.filePerChart() or OutputLayout.stageFolders()',
    );
  });

  test.each(['.txt', '.json', 'yaml', '/x.yaml', '../x.yaml', '.k8s yaml', ''])('rejects outputFileExtension %j', (ext) => {
    expect(() => checkAppProps({ outputFileExtension: ext })).toThrow(
      `MeshApp outputFileExtension ${JSON.stringify(ext)} is not a YAML file ending: use letters, digits, '.', '_' or '-' ending in .yaml or .yml`,
    );
  });

  test.each(['.yaml', '.yml', '.k8s.yaml', '-prod.k8s.yml'])('accepts outputFileExtension %j', (ext) => {
    expect(() => checkAppProps({ outputFileExtension: ext })).not.toThrow();
  });

  test('rejects props it does not know (plain JavaScript, or a field of a newer cdk8s), naming them', () => {
    expect(() => checkAppProps({ outDir: 'out', syncwaves: true })).toThrow(
      'MeshApp does not know the props outDir, syncwaves: remove them (known: outdir, outputFileExtension, yamlOutputType, ' +
        'recordConstructMetadata, resolvers, layout, syncWaves, analysis, profile, platform, rollWorkloads)',
    );
    expect(() => checkAppProps({ outDir: 'out' })).toThrow('MeshApp does not know the prop outDir: remove it (known: outdir,');
  });
});

describe('recordsConstructMetadata', () => {
  test("follows the prop, else cdk8s's CDK8S_RECORD_CONSTRUCT_METADATA", () => {
    expect(recordsConstructMetadata({}, {})).toBe(false);
    expect(recordsConstructMetadata({}, { CDK8S_RECORD_CONSTRUCT_METADATA: 'true' })).toBe(true);
    expect(recordsConstructMetadata({ recordConstructMetadata: false }, { CDK8S_RECORD_CONSTRUCT_METADATA: 'true' })).toBe(false);
    expect(recordsConstructMetadata({ recordConstructMetadata: true }, {})).toBe(true);
  });
});

describe('constructMetadataJson', () => {
  test("maps object names to construct paths in cdk8s's format", () => {
    const json = constructMetadataJson([
      { object: { metadata: { name: 'web' } }, constructPath: 'shop/web' },
      { object: { metadata: { name: 'shop' } }, constructPath: 'shop/ns' },
    ]);
    expect(JSON.parse(json)).toEqual({ version: '1.0.0', resources: { web: { path: 'shop/web' }, shop: { path: 'shop/ns' } } });
  });
});

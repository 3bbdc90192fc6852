import { droppedCniValues, droppedCniValueWarning, type ProfileLayer } from '../../../src/model/values/cni-precedence';

const k3s: ProfileLayer = { label: "platform 'k3s'", settings: { cni: { cniBinDir: '/k3s/bin', cniConfDir: '/k3s/conf' } } };
const ambient: ProfileLayer = {
  label: "profile 'ambient'",
  settings: { global: { variant: 'distroless' }, ambient: { top: true }, cni: { ambient: { enabled: true } } },
};
const demo: ProfileLayer = { label: "profile 'demo'", settings: { cni: { resources: { requests: { cpu: '10m', memory: '40Mi' } } } } };

describe('droppedCniValues', () => {
  test('names a top-level value that a layer sets under cni, with what wins and which layer set it last', () => {
    const older: ProfileLayer = { label: "compatibilityVersion '1.28'", settings: { cni: { cniBinDir: '/old' } } };
    expect(droppedCniValues({ cniBinDir: '/mine' }, [older, k3s], undefined)).toEqual([
      { path: 'cniBinDir', value: '/mine', winner: '/k3s/bin', by: "platform 'k3s'" },
    ]);
    expect(droppedCniValues({ ambient: { enabled: false, dnsCapture: false } }, [ambient], undefined)).toEqual([
      { path: 'ambient.enabled', value: false, winner: true, by: "profile 'ambient'" },
    ]);
  });

  test('merges maps key by key: only the leaves the layer sets are dropped', () => {
    const user = { resources: { requests: { cpu: '1' }, limits: { memory: '1Gi' } } };
    expect(droppedCniValues(user, [demo], undefined).map((d) => d.path)).toEqual(['resources.requests.cpu']);
  });

  test('a map against a scalar (either way round) is dropped whole', () => {
    const scalar: ProfileLayer = { label: "platform 'x'", settings: { cni: { repair: false, chained: { a: 1 } } } };
    expect(droppedCniValues({ repair: { enabled: false }, chained: true }, [scalar], undefined).map((d) => d.path)).toEqual([
      'repair',
      'chained',
    ]);
  });

  test('stays silent where the user also set the path under cni, where the values are equal, and for other keys', () => {
    expect(droppedCniValues({ cniBinDir: '/mine' }, [k3s], { cniBinDir: '/also-mine' })).toEqual([]);
    expect(droppedCniValues({ ambient: { enabled: false } }, [ambient], { ambient: { enabled: false } })).toEqual([]);
    expect(droppedCniValues({ cniConfDir: '/k3s/conf' }, [k3s], undefined)).toEqual([]);
    expect(droppedCniValues({ chained: false, global: { variant: 'debug' }, ambient: { top: false } }, [k3s, ambient], undefined)).toEqual(
      [],
    );
    expect(droppedCniValues({ cni: { cniBinDir: '/mine' } }, [k3s], undefined)).toEqual([]);
    expect(droppedCniValues({ cniBinDir: '/mine' }, [], undefined)).toEqual([]);
  });
});

describe('droppedCniValueWarning', () => {
  test('names the value, what wins, why, and the fix under cni', () => {
    const [dropped] = droppedCniValues({ ambient: { enabled: false } }, [ambient], undefined);
    expect(droppedCniValueWarning(dropped, 'extraValues', 'chart cni 1.30.3')).toBe(
      "extraValues.ambient.enabled (false) is dropped by chart cni 1.30.3: the profile 'ambient' settings set " +
        'cni.ambient.enabled to true, and the chart copies cni.* over the top level last; ' +
        'set it as extraValues.cni.ambient.enabled to have yours win',
    );
  });
});

import { DEFAULT_WAYPOINT_TRAFFIC, WAYPOINT_TRAFFIC, waypointServes } from '../../src/model/waypoint';

describe('waypointServes', () => {
  test('a waypoint serves its own kind of traffic, all serves both, none serves neither', () => {
    const table = WAYPOINT_TRAFFIC.map((t) => [t, waypointServes(t, 'service'), waypointServes(t, 'workload')]);
    expect(table).toEqual([
      ['all', true, true],
      ['none', false, false],
      ['service', true, false],
      ['workload', false, true],
    ]);
  });

  test("without the label istiod treats a waypoint as one for services, as istioctl's generated waypoint relies on", () => {
    expect(DEFAULT_WAYPOINT_TRAFFIC).toBe('service');
  });
});

import { IstioDuration, parseDurationMillis } from '../../../src/model/traffic/duration';
import { UserError } from '../../../src/errors';

describe('IstioDuration', () => {
  test('renders seconds, milliseconds and minutes as Istio reads them', () => {
    expect(IstioDuration.seconds(2).toString()).toBe('2s');
    expect(IstioDuration.millis(250).toString()).toBe('250ms');
    expect(IstioDuration.minutes(1).toString()).toBe('1m');
    expect(IstioDuration.seconds(1.5).milliseconds).toBe(1500);
  });

  test('parses compound duration strings', () => {
    expect(IstioDuration.parse('1m30s').milliseconds).toBe(90_000);
    expect(parseDurationMillis('0.5s')).toBe(500);
  });

  test('rejects durations under 1ms, naming the value and the range', () => {
    expect(() => IstioDuration.millis(0)).toThrow(UserError);
    expect(() => IstioDuration.seconds(-1)).toThrow(/'-1s' is out of range: Istio accepts 1ms or more/);
  });

  test('rejects text that is not a duration', () => {
    expect(() => IstioDuration.parse('2 seconds')).toThrow(/duration '2 seconds' is not valid/);
    expect(parseDurationMillis('5')).toBeUndefined();
    expect(parseDurationMillis('')).toBeUndefined();
  });
});

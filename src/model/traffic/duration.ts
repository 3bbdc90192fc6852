import { UserError } from '../../errors';

const UNITS_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };

/**
 * A protobuf duration as Istio reads it ("2s", "250ms"). Istio's CRDs reject anything under 1ms,
 * so the factories do too.
 */
export class IstioDuration {
  public static millis(ms: number): IstioDuration {
    return new IstioDuration(ms, `${ms}ms`);
  }

  public static seconds(s: number): IstioDuration {
    return new IstioDuration(s * 1000, `${s}s`);
  }

  public static minutes(m: number): IstioDuration {
    return new IstioDuration(m * 60_000, `${m}m`);
  }

  /** Reads a duration string such as "1.5s", "300ms" or "1m30s". */
  public static parse(text: string): IstioDuration {
    const ms = parseDurationMillis(text);
    if (ms === undefined) {
      throw new UserError(`duration '${text}' is not valid: use a number with a unit (h, m, s, ms), e.g. '2s' or '250ms'`);
    }
    return new IstioDuration(ms, text);
  }

  private constructor(
    public readonly milliseconds: number,
    private readonly text: string,
  ) {
    if (!Number.isFinite(milliseconds) || milliseconds < 1) {
      throw new UserError(`duration '${text}' is out of range: Istio accepts 1ms or more; use e.g. IstioDuration.millis(1) or longer`);
    }
  }

  /** The string Istio reads. */
  public toString(): string {
    return this.text;
  }
}

/** Milliseconds of a Go/protobuf duration string, or undefined when it is not one. */
export function parseDurationMillis(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNITS_MS[m[2]];
    matched = re.lastIndex;
  }
  return matched > 0 && matched === text.length ? total : undefined;
}

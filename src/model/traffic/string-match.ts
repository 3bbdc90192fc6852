import { UserError } from '../../errors';
import type { StringMatchSpec } from './networking';

/** How a request attribute (URI, header, query parameter, method) is compared. */
export class StringMatch {
  public static exact(value: string): StringMatch {
    return new StringMatch({ exact: value });
  }

  /** Matches values starting with `value`; must not be empty (use a route without the match instead). */
  public static prefix(value: string): StringMatch {
    if (value === '') throw new UserError("prefix match '' matches everything: drop the match, or give a non-empty prefix such as '/'");
    return new StringMatch({ prefix: value });
  }

  /** An RE2 regular expression that must match the whole value. */
  public static regex(pattern: string): StringMatch {
    try {
      new RegExp(pattern);
    } catch {
      throw new UserError(`regex '${pattern}' is not a valid regular expression: fix its syntax (RE2, whole-value match)`);
    }
    return new StringMatch({ regex: pattern });
  }

  private constructor(private readonly spec: StringMatchSpec) {}

  public toSpec(): StringMatchSpec {
    return { ...this.spec };
  }
}

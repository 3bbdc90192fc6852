import { UserError } from '../../errors';

/**
 * A template that does not parse, or fails while it runs. The message has Go's shape
 * (`template: NAME:LINE: reason`, or with `:COL: executing "T" at <node>:` for run-time errors)
 * so users can match it against what istiod would report.
 */
export class TemplateError extends UserError {
  constructor(
    /** Name of the template whose source holds the error. */
    readonly templateName: string,
    /** 1-based line in that source. */
    readonly line: number,
    /** What went wrong, without the location prefix. */
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** Maps source offsets to 1-based lines and 0-based byte columns, as Go's ErrorContext does. */
export class SourceMap {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  line(pos: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  column(pos: number): number {
    return Buffer.byteLength(this.text.slice(this.lineStarts[this.line(pos) - 1], pos));
  }

  parseError(pos: number, reason: string): TemplateError {
    const line = this.line(pos);
    return new TemplateError(this.name, line, reason, `template: ${this.name}:${line}: ${reason}`);
  }
}

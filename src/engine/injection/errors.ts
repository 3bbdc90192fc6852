/** The error every injection failure raises: bad annotations, a broken template, a malformed object. */
export class InjectionError extends Error {
  constructor(
    message: string,
    readonly document?: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InjectionError';
  }
}

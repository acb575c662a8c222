/**
 * Errors that mean "the input is wrong" (exit code 2), as opposed to findings (exit code 1) or bugs.
 */

/** Bad input or usage: a file that does not parse, an unknown rule id in a suppression, a bad flag. */
export class InputError extends Error {
  constructor(
    message: string,
    /** The file at fault, when there is one. */
    public readonly file?: string,
    /** The 1-based line at fault, when known. */
    public readonly line?: number,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** `file:line: message`, or the parts that are known. */
  public describe(): string {
    const where =
      this.file === undefined
        ? ''
        : this.line === undefined
          ? `${this.file}: `
          : `${this.file}:${this.line}: `;
    return `${where}${this.message}`;
  }
}

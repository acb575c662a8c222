/**
 * One template for construct errors, so every message reads
 * `SecureApp 'shop/orders': port 70000 is out of range (1-65535).`
 */

/** Thrown for an invalid declaration; the message names the construct and the field. */
export class DeclarationError extends Error {
  constructor(
    /** The construct class, e.g. `SecureApp`. */
    public readonly construct: string,
    /** The construct's display path, e.g. `shop/orders`. */
    public readonly constructPath: string,
    /** What is wrong and what to do, without the prefix. */
    public readonly problem: string,
  ) {
    super(`${construct} '${constructPath}': ${problem}`);
    this.name = 'DeclarationError';
  }
}

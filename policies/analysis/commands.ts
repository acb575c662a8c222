/**
 * What a container runs: its `command` and `args` as one argument vector, and whether any of it
 * invokes sudo.
 */
import { arr, type Json } from '../k8s';

/** One argument of `command` or `args`, with its field path. */
export interface Argument {
  readonly value: string;
  /** Relative to the container, e.g. `command[0]` or `args[2]`. */
  readonly field: string;
}

/** `command` then `args` (the argument vector when both are set), string entries only. */
export function argumentsOf(container: Json): Argument[] {
  return (['command', 'args'] as const).flatMap((list) =>
    arr(container[list]).flatMap((value, i) =>
      typeof value === 'string' ? [{ value, field: `${list}[${i}]` }] : [],
    ),
  );
}

/**
 * Characters that end a word in a shell script: whitespace, operators, grouping and quotes. Spelled
 * out rather than `\s`, whose meaning differs between JavaScript and RE2.
 */
const BREAK = '\\t\\n\\v\\f\\r ;&|()`\'"<>{}';

/**
 * An argument that invokes sudo: a word `sudo`, or a path ending in `/sudo`, bounded by the start or
 * end of the argument or a shell word break. So `sudo`, `/usr/bin/sudo`, `sh -c "make && sudo make
 * install"` match; `pseudo`, `sudoers-check` and `/etc/sudoers` do not. Every argument is read this
 * way, so scripts given to `sh -c`, `bash -lc` or `su -c` are covered without parsing their flags.
 */
export const SUDO_PATTERN = `(?:^|[${BREAK}])(?:[^${BREAK}]*/)?sudo(?:$|[${BREAK}])`;

const SUDO = new RegExp(SUDO_PATTERN);

/** True when the argument invokes sudo (see SUDO_PATTERN). */
export function invokesSudo(argument: string): boolean {
  return SUDO.test(argument);
}

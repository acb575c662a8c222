/**
 * JSON validation with JSON.parse, whose messages JSON users know, made to name the line even
 * when the message gives no position.
 */
import { InputError } from '../errors';
import { lineOfIndex } from './decode';

export function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** JSON.parse first: its messages are the ones JSON users expect, and YAML would accept non-JSON. */
export function validateJson(text: string, file: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset =
      jsonErrorOffset(message) ??
      (/end of JSON input/.test(message) ? text.length : findJsonErrorOffset(text));
    const line = offset === undefined ? undefined : lineOfIndex(text, offset);
    throw new InputError(
      `invalid JSON: ${lowerFirst(message.replace(/ (in JSON )?at position \d+.*$/, ''))}`,
      file,
      line,
    );
  }
}

function jsonErrorOffset(message: string): number | undefined {
  const position = / at position (\d+)/.exec(message);
  return position ? Number(position[1]) : undefined;
}

/**
 * Some JSON.parse messages carry no position. Every prefix ending before the first bad character
 * fails only for running out of input, so a binary search over prefixes finds that character.
 */
function findJsonErrorOffset(text: string): number | undefined {
  if (text.length > 16 * 1024 * 1024) return undefined;
  const failsBeforeEnd = (end: number): boolean => {
    try {
      JSON.parse(text.slice(0, end));
      return false;
    } catch (error) {
      const message = (error as Error).message;
      const offset = jsonErrorOffset(message);
      return offset === undefined ? !/end of JSON input/.test(message) : offset < end;
    }
  };
  let ok = 0;
  let bad = text.length;
  while (bad - ok > 1) {
    const mid = (ok + bad) >> 1;
    if (failsBeforeEnd(mid)) bad = mid;
    else ok = mid;
  }
  return bad - 1;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

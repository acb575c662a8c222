/**
 * JSON without the YAML parser: JSON.parse for the value (fast, lean, and its messages are the
 * ones JSON users know) and a small scanner for the line table. Going through the YAML parser
 * instead costs about 70 bytes of memory per byte of input and is 5-10 times slower, which
 * matters for the largest inputs Bulwark sees: `kubectl get -o json` lists.
 */
import { InputError } from '../errors';
import { lineOfIndex } from './decode';
import type { LineBranch, LineNode } from './lines';
import { MAX_NESTING } from './limits';

/** The value and line table of a JSON text, or undefined for an empty one. */
export function parseJson(text: string, file: string): { value: unknown; lines: LineNode } | undefined {
  return withLines(text, file, parseOrThrow(text, file));
}

/**
 * For standard input, which may be either: the JSON reading of `text` when it is JSON (an object
 * or array, so YAML's plain scalars never count), otherwise undefined. Parses once.
 */
export function tryJson(
  text: string,
  file: string,
): { json: { value: unknown; lines: LineNode } | undefined } | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return { json: withLines(text, file, value) };
}

function withLines(
  text: string,
  file: string,
  value: unknown,
): { value: unknown; lines: LineNode } | undefined {
  if (value === null || value === undefined) return undefined;
  return { value, lines: scanLines(text, file) };
}

function parseOrThrow(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
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

interface Frame {
  readonly line: number;
  /** Keys of an object (parallel to children); absent for arrays. */
  readonly names?: string[];
  readonly seen?: Set<string>;
  readonly children: LineNode[];
  /** In an object: the key awaiting its value, and its line. */
  key?: string;
  keyLine: number;
}

/**
 * Line table of valid JSON (JSON.parse has already accepted it), with the nesting limit and
 * duplicate keys checked as for YAML. Iterative, one pass; strings never span lines in JSON.
 */
function scanLines(text: string, file: string): LineNode {
  const stack: Frame[] = [];
  let root: LineNode = 1;
  let line = 1;
  const add = (node: LineNode): void => {
    const top = stack[stack.length - 1];
    if (!top) root = node;
    else {
      if (top.names && top.key !== undefined) top.names.push(top.key);
      top.children.push(node);
      top.key = undefined;
    }
  };
  const valueLine = (): number => {
    const top = stack[stack.length - 1];
    return top?.names ? top.keyLine : line;
  };
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === '{' || c === '[') {
      if (stack.length >= MAX_NESTING) {
        throw new InputError(
          `nesting is deeper than ${MAX_NESTING} levels; no Kubernetes object is this deep`,
          file,
          line,
        );
      }
      stack.push(
        c === '{'
          ? { line: valueLine(), names: [], seen: new Set(), children: [], keyLine: line }
          : { line: valueLine(), children: [], keyLine: line },
      );
      i++;
    } else if (c === '}' || c === ']') {
      const frame = stack.pop() as Frame;
      const node: LineBranch = frame.names
        ? { line: frame.line, names: frame.names, children: frame.children }
        : { line: frame.line, children: frame.children };
      add(node);
      i++;
    } else if (c === '"') {
      let end = text.indexOf('"', i + 1);
      while (isEscaped(text, end)) end = text.indexOf('"', end + 1);
      const top = stack[stack.length - 1];
      if (top?.names && top.key === undefined) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (top.seen?.has(key))
          throw new InputError(`invalid JSON: map keys must be unique ('${key}' occurs twice)`, file, line);
        top.seen?.add(key);
        top.key = key;
        top.keyLine = line;
      } else {
        add(valueLine());
      }
      i = end + 1;
    } else if (c === ',' || c === ':' || c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else {
      // A number, true, false or null.
      add(valueLine());
      while (i < text.length && !',]} \t\r\n'.includes(text[i])) i++;
    }
  }
  return root;
}

/** True when the quote at `index` is escaped by an odd number of backslashes. */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
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

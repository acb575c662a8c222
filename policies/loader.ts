/**
 * Reads Kubernetes manifests for the rule engine: files, folders and standard input; multi-
 * document YAML, JSON, and lists. Every object knows its file, its line and how to locate any
 * field path, so findings point at the offending line. Bad input of any kind, including hostile
 * input (binary data, deep nesting, alias bombs), becomes an InputError naming file and line.
 */
import { readFileSync } from 'fs';
import { InputError } from './errors';
import { decodeText, MAX_INPUT_BYTES } from './loader/decode';
import { inputsOf, reason, statOf, STDIN_NAME } from './loader/files';
import { objectsOf } from './loader/objects';
import { parseDocuments, type SourceFormat } from './loader/parse';
import type { SourceObject } from './types';

export { MAX_DOCUMENT_TOKENS, MAX_NESTING } from './loader/limits';
export type { SourceFormat } from './loader/parse';
export { MIN_EXPANSION_BUDGET } from './loader/plain';
export { MAX_INPUT_BYTES } from './loader/decode';
export { MANIFEST_EXTENSIONS, STDIN_NAME } from './loader/files';

/** Options of `loadPaths`. */
export interface LoadOptions {
  /** What `-` reads. @default the process's standard input, read to its end */
  readonly stdin?: string | Uint8Array;
  /**
   * Called for each file of a walked folder that is skipped because it holds no Kubernetes object
   * (e.g. `compliance.json` or Vault role bodies beside manifests, a `package.json`).
   *
   * @default - skipped files are not reported
   */
  readonly onSkip?: (file: string, why: string) => void;
}

/**
 * Loads every object from `paths`: files (YAML unless named `*.json`), folders (recursively
 * `*.yaml`, `*.yml`, `*.json`, sorted), and `-` for standard input (JSON if it parses as JSON,
 * YAML otherwise). Objects come in path order, then file order, then document order.
 */
export function loadPaths(paths: readonly string[], options: LoadOptions = {}): SourceObject[] {
  const out: SourceObject[] = [];
  for (const input of inputsOf(paths)) {
    if (input.kind === 'stdin') {
      const stdin = options.stdin ?? readStdin();
      out.push(
        ...loadBytes(typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : stdin, STDIN_NAME, 'auto'),
      );
      continue;
    }
    if (statOf(input.file).size > MAX_INPUT_BYTES) throw tooLarge(input.file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(input.file);
    } catch (error) {
      throw new InputError(`cannot read: ${reason(error)}`, input.file);
    }
    if (input.fromFolder) {
      // A folder holds more than manifests (reports, configuration): a file none of whose documents
      // has an apiVersion or kind is not a manifest and is skipped. A file that does not parse, or
      // that mixes objects with other documents, is still an error.
      if (bytes.length > MAX_INPUT_BYTES) throw tooLarge(input.file);
      const text = decodeText(bytes, input.file);
      const documents = parseDocuments(
        text.charCodeAt(0) === 0xfeff ? text.slice(1) : text,
        input.file,
        input.format,
      );
      if (documents.length > 0 && documents.every((d) => !looksLikeObject(d.value))) {
        options.onSkip?.(input.file, 'not a Kubernetes manifest (no document has apiVersion or kind)');
        continue;
      }
      out.push(...objectsOf(documents, input.file));
      continue;
    }
    out.push(...loadBytes(bytes, input.file, input.format));
  }
  return out;
}

function looksLikeObject(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    ('apiVersion' in value || 'kind' in value)
  );
}

/** Loads objects from raw bytes, which must be UTF-8 text. */
export function loadBytes(bytes: Uint8Array, file: string, format: SourceFormat = 'yaml'): SourceObject[] {
  if (bytes.length > MAX_INPUT_BYTES) throw tooLarge(file);
  return loadText(decodeText(bytes, file), file, format);
}

/** Loads objects from text in memory (e.g. synthesized YAML); `file` names it in findings. */
export function loadText(text: string, file: string, format: SourceFormat = 'yaml'): SourceObject[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return objectsOf(parseDocuments(body, file, format), file);
}

function readStdin(): Buffer {
  try {
    return readFileSync(0);
  } catch (error) {
    // A non-blocking stdin (some CI runners) refuses a synchronous read of fd 0; the device file works.
    if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return readFileSync('/dev/stdin');
    throw new InputError(`cannot read: ${reason(error)}`, STDIN_NAME);
  }
}

function tooLarge(file: string): InputError {
  return new InputError(
    `input is larger than ${MAX_INPUT_BYTES / 1024 / 1024} MiB; split it into smaller files`,
    file,
  );
}

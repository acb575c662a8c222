/**
 * Which files a command line names: files as given, folders walked recursively for manifests,
 * and `-` for standard input. Folder members are sorted so output never depends on the order
 * the file system lists them in.
 */
import { readdirSync, realpathSync, statSync, type Stats } from 'fs';
import { extname, join, resolve } from 'path';
import { InputError } from '../errors';
import type { SourceFormat } from './parse';

/** The name standard input is reported under. */
export const STDIN_NAME = '<stdin>';

/** Extensions read from folders. Files named explicitly are read whatever their extension. */
export const MANIFEST_EXTENSIONS: readonly string[] = ['.yaml', '.yml', '.json'];

/** One input to read: a file path, or standard input. */
export type Input =
  | {
      readonly kind: 'file';
      readonly file: string;
      readonly format: SourceFormat;
      readonly fromFolder: boolean;
    }
  | { readonly kind: 'stdin' };

/** Expands command-line paths into inputs, in order, without duplicates. */
export function inputsOf(paths: readonly string[]): Input[] {
  const out: Input[] = [];
  const seen = new Set<string>();
  const add = (file: string, fromFolder: boolean): void => {
    const key = resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({
      kind: 'file',
      file,
      format: extname(file).toLowerCase() === '.json' ? 'json' : 'yaml',
      fromFolder,
    });
  };
  for (const path of paths) {
    if (path === '-') {
      if (seen.has(STDIN_NAME)) throw new InputError(`'-' (standard input) can be given only once`);
      seen.add(STDIN_NAME);
      out.push({ kind: 'stdin' });
      continue;
    }
    if (!statOf(path).isDirectory()) {
      add(path, false);
      continue;
    }
    const files = manifestsUnder(path);
    if (files.length === 0)
      throw new InputError(
        `folder holds no ${MANIFEST_EXTENSIONS.map((e) => `*${e}`).join(', ')} files`,
        path,
      );
    for (const file of files) add(file, true);
  }
  return out;
}

/**
 * Manifest files under a folder, sorted by path. Hidden entries (`.git`, `.github`) are skipped:
 * they hold tooling YAML, not manifests. Symbolic links are followed, each folder once.
 */
function manifestsUnder(root: string): string[] {
  const files: string[] = [];
  const visited = new Set<string>();
  const walk = (dir: string): void => {
    const real = realpathSync(dir);
    if (visited.has(real)) return;
    visited.add(real);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch (error) {
      throw new InputError(`cannot read folder: ${reason(error)}`, dir);
    }
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      const stat = statOf(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile() && MANIFEST_EXTENSIONS.includes(extname(name).toLowerCase())) files.push(path);
    }
  };
  walk(root);
  // Code-unit order, not locale order, so every machine agrees.
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `stat` that follows links, as an InputError when the path cannot be read. */
export function statOf(path: string): Stats {
  try {
    return statSync(path);
  } catch (error) {
    throw new InputError(`cannot read: ${reason(error)}`, path);
  }
}

/** A file-system error as a short phrase. */
export function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return code ?? (error as Error).message;
  }
}

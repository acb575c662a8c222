/**
 * Replaces output folders all at once: every tree is written to a temporary sibling first and only
 * swapped in when all of them are complete, so a failed run never leaves a half-written `dist/`.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

/** A folder to replace and the files it will hold (relative path → content). */
export interface TreeWrite {
  readonly dir: string;
  readonly files: ReadonlyMap<string, string>;
}

/** Writes every tree, then swaps them in; on any failure, removes the temporaries and rethrows. */
export function replaceTrees(trees: readonly TreeWrite[]): void {
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const staged: { dir: string; tmp: string }[] = [];
  try {
    for (const tree of trees) {
      const tmp = join(dirname(tree.dir), `.${basename(tree.dir)}.tmp-${suffix}`);
      staged.push({ dir: tree.dir, tmp });
      for (const [relative, content] of tree.files) {
        const path = join(tmp, relative);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, content);
      }
      mkdirSync(tmp, { recursive: true });
    }
  } catch (error) {
    for (const { tmp } of staged) rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  for (const { dir, tmp } of staged) {
    const old = join(dirname(dir), `.${basename(dir)}.old-${suffix}`);
    if (existsSync(dir)) renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  }
}

function basename(path: string): string {
  return path.replace(/\/+$/, '').split('/').pop() ?? path;
}

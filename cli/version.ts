/** The package version, read once from package.json so reports name the exact tool version. */
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

function findPackageJson(start: string): string {
  // Sources run from <root>/cli, compiled code from <root>/lib/cli: walk up instead of guessing.
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const VERSION: string = JSON.parse(readFileSync(findPackageJson(__dirname), 'utf8')).version;

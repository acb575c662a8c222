/**
 * The versions a scaffolded project pins: Bulwark's own, and for every other package exactly the
 * version Bulwark was built and tested with (its package.json), so a new project installs a set
 * known to work together, offline too when the npm cache holds Bulwark's install.
 */
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

interface PackageJson {
  readonly version: string;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
}

function readOwnPackageJson(): PackageJson {
  // Sources run from <root>/cli/templates, compiled code from <root>/lib/cli/templates: walk up.
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) return JSON.parse(readFileSync(candidate, 'utf8')) as PackageJson;
  }
  throw new Error(`no package.json above ${__dirname}`);
}

const own = readOwnPackageJson();

/** Bulwark's version. */
export const BULWARK_VERSION = own.version;

/** The exact version Bulwark pins for `name` (a dependency or dev dependency of Bulwark). */
export function pinnedVersion(name: string): string {
  const version = own.dependencies?.[name] ?? own.devDependencies?.[name];
  if (version === undefined) throw new Error(`Bulwark's package.json pins no version of '${name}'`);
  return version;
}

/** `{ name: version }` for `names`, in the order given. */
export function pins(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, pinnedVersion(name)]));
}

/** Reads the synthesized manifests of an environment and the vendored CRDs. */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';

export const ROOT = join(__dirname, '..', '..');
export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;

function documentsOf(path: string): Record<string, any>[] {
  return parseAllDocuments(readFileSync(path, 'utf8'))
    .map((d) => d.toJS())
    .filter((o) => o && typeof o === 'object');
}

/** Files of dist/<env>/ that configure the API server itself rather than holding cluster objects. */
const NOT_CLUSTER_OBJECTS = new Set(['audit-policy.yaml']);

/** Every object of `dist/<env>/*.yaml`, in the order synth wrote them (cluster.yaml first). */
export function distObjects(env: string): Record<string, any>[] {
  const dir = join(ROOT, 'dist', env);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && !NOT_CLUSTER_OBJECTS.has(f))
    .sort((a, b) => (a === 'cluster.yaml' ? -1 : b === 'cluster.yaml' ? 1 : a.localeCompare(b)));
  return files.flatMap((f) => documentsOf(join(dir, f)));
}

/** The upstream CRDs vendored under crds/. */
export function crdObjects(): Record<string, any>[] {
  const out: Record<string, any>[] = [];
  for (const group of readdirSync(join(ROOT, 'crds'), { withFileTypes: true }).filter((d) =>
    d.isDirectory(),
  )) {
    const dir = join(ROOT, 'crds', group.name);
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.yaml'))
      .sort())
      out.push(...documentsOf(join(dir, f)));
  }
  return out;
}

/**
 * docs/api/ is generated from the doc comments by `npm run docs`; this fails when it is stale, with
 * the command that fixes it. TypeDoc runs into a temporary folder, never over docs/api/.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const DOCS = join(ROOT, 'docs', 'api');
jest.setTimeout(300_000);

/** Every file under `root` with its text, by relative path. */
function snapshot(root: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(out, snapshot(root, path));
    else out[path] = readFileSync(join(root, path), 'utf8');
  }
  return out;
}

test('docs/api/ is what `npm run docs` generates from the current doc comments', () => {
  const out = mkdtempSync(join(tmpdir(), 'bulwark-docs-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', out], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    const generated = snapshot(out);
    const committed = snapshot(DOCS);
    const stale = [
      ...Object.keys(generated).filter((f) => committed[f] !== generated[f]),
      ...Object.keys(committed).filter((f) => !(f in generated)),
    ].sort();
    if (stale.length > 0) {
      throw new Error(
        `docs/api/ is stale (${stale.slice(0, 10).join(', ')}${stale.length > 10 ? ', …' : ''}). Run: npm run docs`,
      );
    }
    expect(Object.keys(generated).length).toBeGreaterThan(50);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

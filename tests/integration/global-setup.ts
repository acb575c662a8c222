/**
 * Starts (or reuses) the local control plane and synthesizes dist/ once for every suite. Fails,
 * never skips, when the plane cannot be built or started: integration tests that do not run prove
 * nothing.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';

export default async function globalSetup(): Promise<void> {
  const root = join(__dirname, '..', '..');
  // Always the local plane (up.sh reuses a running one in ~0.1 s): these suites delete namespaces,
  // so they must never follow an ambient KUBECONFIG to a real cluster.
  const out = execFileSync('bash', [join(root, 'tools/cluster/up.sh')], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const last = out.trim().split('\n').pop() ?? '';
  if (!last.startsWith('KUBECONFIG=/'))
    throw new Error(`tools/cluster/up.sh did not print KUBECONFIG=... as its last line (got '${last}')`);
  process.env.KUBECONFIG = last.slice('KUBECONFIG='.length);
  execFileSync('node', [join(root, 'bin/bulwark.js'), 'synth', '--env', 'all', '--out', join(root, 'dist')], {
    cwd: root,
    stdio: 'inherit',
  });
}

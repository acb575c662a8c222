/**
 * A thin kubectl wrapper for the integration suites. kubectl (built with the control plane) is the
 * reference client: server-side apply, warnings on stderr, and `auth can-i` for access reviews.
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';

function kubectlPath(): string {
  if (process.env.BULWARK_KUBECTL) return process.env.BULWARK_KUBECTL;
  const cache = process.env.BULWARK_CACHE_DIR ?? join(homedir(), '.cache', 'bulwark');
  const state = process.env.BULWARK_CLUSTER_DIR ?? join(cache, 'cluster', 'state');
  const binDir = readFileSync(join(state, 'bin-dir'), 'utf8').trim();
  const path = join(binDir, 'kubectl');
  if (!existsSync(path)) throw new Error(`kubectl not found at ${path}; run npm run cluster:up`);
  return path;
}

const KUBECTL = kubectlPath();

/** The outcome of one kubectl call. */
export interface KubectlResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  /** `Warning: ...` lines the API server returned. */
  readonly warnings: string[];
}

/** Runs kubectl with `args`, feeding `input` on stdin. */
export function kubectl(args: readonly string[], input?: string): KubectlResult {
  const r = spawnSync(KUBECTL, [...args], {
    input,
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const stderr = r.stderr ?? '';
  return {
    status: r.status ?? -1,
    stdout: r.stdout ?? '',
    stderr,
    warnings: stderr.split('\n').filter((l) => l.startsWith('Warning:')),
  };
}

/** Server-side applies one object as field manager `bulwark`. */
export function apply(object: unknown, extra: readonly string[] = []): KubectlResult {
  return kubectl(
    ['apply', '--server-side', '--field-manager=bulwark', '--force-conflicts', '-f', '-', ...extra],
    stringify(object),
  );
}

/** Server-side applies many objects in one call (one request per object, one process). */
export function applyAll(objects: readonly unknown[]): KubectlResult {
  return kubectl(
    ['apply', '--server-side', '--field-manager=bulwark', '--force-conflicts', '-f', '-'],
    objects.map((o) => stringify(o)).join('---\n'),
  );
}

/** `kubectl get` of one object as JSON (with managed fields), or undefined when it does not exist. */
export function get(kind: string, name: string, namespace?: string): Record<string, any> | undefined {
  const args = ['get', kind, name, '-o', 'json', '--show-managed-fields'];
  if (namespace) args.push('-n', namespace);
  const r = kubectl(args);
  return r.status === 0 ? JSON.parse(r.stdout) : undefined;
}

/** One question for the authorizer. */
export interface AccessCheck {
  /** A ServiceAccount `system:serviceaccount:<ns>:<name>`. */
  readonly user: string;
  readonly verb: string;
  /** `resource` or `resource/subresource`. */
  readonly resource: string;
  readonly namespace: string;
}

/**
 * Answers many access checks with SubjectAccessReviews, in one kubectl call. The groups are the
 * ones the API server gives a ServiceAccount token, so group bindings count as they would.
 */
export function reviewAccess(checks: readonly AccessCheck[]): boolean[] {
  if (checks.length === 0) return [];
  const reviews = checks.map((c) => {
    const [resource, subresource] = c.resource.split('/');
    const saNamespace = c.user.split(':')[2];
    return {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: {
        user: c.user,
        groups: ['system:serviceaccounts', `system:serviceaccounts:${saNamespace}`, 'system:authenticated'],
        resourceAttributes: {
          namespace: c.namespace,
          verb: c.verb,
          resource,
          ...(subresource ? { subresource } : {}),
        },
      },
    };
  });
  const r = kubectl(
    ['create', '-f', '-', '-o', 'jsonpath={.status.allowed}{"\\n"}'],
    reviews.map((o) => stringify(o)).join('---\n'),
  );
  if (r.status !== 0) throw new Error(`SubjectAccessReview failed: ${r.stderr}`);
  const answers = r.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l === 'true');
  if (answers.length !== checks.length)
    throw new Error(`expected ${checks.length} answers, got ${answers.length}: ${r.stdout}`);
  return answers;
}

/** `Kind namespace/name` for messages. */
export function describe(object: Record<string, any>): string {
  const m = object.metadata ?? {};
  return `${object.kind} ${m.namespace ? `${m.namespace}/` : ''}${m.name}`;
}

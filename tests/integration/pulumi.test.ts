/**
 * A real Pulumi deployment of the dev stack on the local kube-apiserver: the Pulumi CLI and
 * pulumi-resource-kubernetes built from the Go module proxy (tools/pulumi), the stacks program as an
 * Automation API inline program (stacks/local), a file backend in a temp dir, the CrossGuard pack
 * attached. `up` creates every object of dist/dev with its generated fields, a second `up` changes
 * nothing, the pack on its own blocks a privileged pod that bypasses the gate, and `destroy`
 * removes everything. Other suites delete and re-create the blueprint's namespaces, so this one
 * starts from deleted namespaces and ends with a destroy.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { Stack } from '@pulumi/pulumi/automation';
import type { K8sObject } from '../../policies/types';
import {
  cacheDir,
  localKubeconfig,
  localProgram,
  localStateDirs,
  openLocalStack,
  operationOptions,
  pulumiRoot,
  SKIP_AWAIT_ANNOTATION,
  vendoredCrds,
} from '../../stacks/local/local-stack';
import { distObjects } from './dist';
import { describe as name, get, kubectl } from './kube';

const ENV = 'dev';
/** The Pulumi CLI's output of every operation, for diagnosing a failure. */
const LOG = join(cacheDir(), 'pulumi', 'integration-test.log');

/** dist/dev's Kubernetes API objects (audit-policy.yaml is an API-server config file, not one). */
const objects = distObjects(ENV).filter((o) => o.apiVersion !== 'audit.k8s.io/v1');
const crds = vendoredCrds() as Record<string, any>[];
/** The stack's resources: the objects, the CRDs, the provider, the BlueprintRelease and the stack. */
const RESOURCES = objects.length + crds.length + 3;

const PRIVILEGED_POD: K8sObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'debug', namespace: 'commerce', labels: { app: 'debug' } },
  spec: {
    containers: [{ name: 'shell', image: 'busybox:1.36', securityContext: { privileged: true } }],
  },
};

/**
 * Bulwark's rules refuse it; the API server accepts it: it sits outside the blueprint's namespaces,
 * where the blueprint's ValidatingAdmissionPolicies (bound to `bulwark.dev/managed` namespaces) do
 * not apply, and RBAC lets the cluster admin create any Role.
 */
const WILDCARD_ROLE: K8sObject = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'Role',
  metadata: { name: 'everything', namespace: 'default' },
  rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
};

let stack: Stack;
let kubeconfig: string;
let stateDir: string;
let destroyed = false;
/** The objects `up` created, with their UIDs. */
const created = new Map<string, { object: Record<string, any>; uid: string }>();
const timings: Record<string, number> = {};

/** Runs a Pulumi operation with its output appended to LOG; records how long it took. */
async function op<T>(label: string, run: (onOutput: (s: string) => void) => Promise<T>): Promise<T> {
  appendFileSync(LOG, `\n===== ${label} =====\n`);
  const start = Date.now();
  try {
    return await run((s) => appendFileSync(LOG, s));
  } finally {
    timings[label] = (Date.now() - start) / 1000;
  }
}

/** Whether `actual` contains every field of `expected` with the same value (extra fields allowed). */
function missingFields(expected: unknown, actual: unknown, path = ''): string[] {
  if (expected === null || typeof expected !== 'object') {
    return expected === actual
      ? []
      : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length)
      return [`${path}: expected ${expected.length} items, got ${JSON.stringify(actual)}`];
    return expected.flatMap((e, i) => missingFields(e, actual[i], `${path}[${i}]`));
  }
  if (actual === null || typeof actual !== 'object') return [`${path}: missing`];
  return Object.entries(expected)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => missingFields(v, (actual as Record<string, unknown>)[k], `${path}.${k}`));
}

/** Deletes the blueprint's namespaces, cluster-scoped objects and the CRDs: a clean plane for `up`. */
function deleteBlueprintFromCluster(): void {
  const namespaces = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
  const r = kubectl([
    'delete',
    'namespace',
    ...namespaces,
    '--ignore-not-found',
    '--wait=true',
    '--timeout=180s',
  ]);
  expect(r.stderr).toBe('');
  const clusterScoped = objects.filter((o) => !o.metadata.namespace && o.kind !== 'Namespace');
  for (const o of [...clusterScoped, ...crds]) {
    const d = kubectl(['delete', o.kind, o.metadata.name, '--ignore-not-found', '--wait=true']);
    expect(d.stderr).toBe('');
  }
}

beforeAll(async () => {
  mkdirSync(join(cacheDir(), 'pulumi'), { recursive: true });
  writeFileSync(LOG, `pulumi integration test, ${new Date().toISOString()}\n`);
  // Builds on first use (see tools/pulumi/README.md); a no-op afterwards.
  const root = pulumiRoot();
  kubeconfig = process.env.KUBECONFIG ?? localKubeconfig();
  deleteBlueprintFromCluster();
  stateDir = mkdtempSync(join(cacheDir(), 'pulumi', 'test-state-'));
  stack = await openLocalStack({ env: ENV, kubeconfig, root, dirs: localStateDirs(stateDir) });
}, 90 * 60_000);

afterAll(async () => {
  try {
    if (stack && !destroyed) await op('cleanup destroy', (onOutput) => stack.destroy({ onOutput }));
    if (stack) await stack.workspace.removeStack(stack.name);
  } finally {
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
    console.log(
      `pulumi ${ENV}: ${RESOURCES} resources (${objects.length} objects of dist/${ENV}, ${crds.length} CRDs, ` +
        `provider, BlueprintRelease, stack); seconds: ${JSON.stringify(timings)}; CLI output in ${LOG}`,
    );
  }
}, 15 * 60_000);

test('preview with the CrossGuard pack plans one create per object and finds no violation', async () => {
  expect(objects.length).toBeGreaterThan(40);
  const preview = await op('preview', (onOutput) => stack.preview(operationOptions(onOutput)));
  expect(preview.changeSummary).toEqual({ create: RESOURCES });
  // The pack ran (the CLI lists the packs it loaded) and reported nothing.
  expect(preview.stdout).toMatch(/Policies:[\s\S]*bulwark/);
  expect(preview.stdout).not.toMatch(/mandatory|advisory/);
  // The npm SDK is pinned to the provider that tools/pulumi builds, so the engine finds the
  // version the SDK asks for (a mismatch prints "is expected to have version ... but has ...").
  expect(preview.stdout + preview.stderr).not.toMatch(/expected to have version/);
});

test('up creates every resource', async () => {
  const up = await op('up', (onOutput) => stack.up(operationOptions(onOutput)));
  expect(up.summary.result).toBe('succeeded');
  expect(up.summary.resourceChanges).toEqual({ create: RESOURCES });
  expect([...up.outputs.namespaces.value].sort()).toEqual(
    objects
      .filter((o) => o.kind === 'Namespace')
      .map((o) => o.metadata.name)
      .sort(),
  );
  // What the stack created, by UID: destroy must remove exactly these (another run on a shared
  // plane may re-create objects of the same name, which are not ours).
  for (const o of [...objects, ...crds]) {
    const uid = get(o.kind, o.metadata.name, o.metadata.namespace)?.metadata.uid;
    if (uid) created.set(name(o), { object: o, uid });
  }
  expect(created.size).toBe(objects.length + crds.length);
  expect(up.outputs.compliance.value).toMatchObject({ environment: ENV, errors: 0 });
});

test('every object of dist/dev is in the cluster with its generated fields, applied by Pulumi', () => {
  const problems: string[] = [];
  for (const o of objects) {
    const live = get(o.kind, o.metadata.name, o.metadata.namespace);
    if (!live) {
      problems.push(`${name(o)} does not exist`);
      continue;
    }
    const { metadata, ...body } = o;
    for (const p of missingFields(
      { metadata: { labels: metadata.labels, annotations: metadata.annotations }, ...body },
      live,
    ))
      problems.push(`${name(o)}${p}`);
    const managers = (live.metadata.managedFields ?? []).map((f: any) => `${f.manager}/${f.operation}`);
    if (!managers.some((m: string) => m.startsWith('pulumi-kubernetes') && m.endsWith('/Apply')))
      problems.push(`${name(o)} was not server-side applied by Pulumi (managers: ${managers.join(', ')})`);
  }
  expect(problems).toEqual([]);

  // Spot checks of what Bulwark generates, read back from the API server.
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  expect(deployments.length).toBeGreaterThan(0);
  for (const d of deployments) {
    const live = get('Deployment', d.metadata.name, d.metadata.namespace)!;
    const pod = live.spec.template.spec;
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    for (const c of pod.containers) {
      expect(c.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
      expect(c.resources.limits).toBeDefined();
    }
    expect(live.metadata.labels['app.kubernetes.io/name']).toBeDefined();
    // The local-only annotation (stacks/local withSkipAwait): there, not in dist/.
    expect(live.metadata.annotations[SKIP_AWAIT_ANNOTATION]).toBe('true');
    expect(d.metadata.annotations?.[SKIP_AWAIT_ANNOTATION]).toBeUndefined();
  }
  for (const ns of objects.filter((o) => o.kind === 'Namespace')) {
    const live = get('Namespace', ns.metadata.name)!;
    expect(live.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    const policies = kubectl(['get', 'networkpolicy', '-n', ns.metadata.name, '-o', 'json']);
    const denyAll = JSON.parse(policies.stdout).items.filter(
      (p: any) =>
        Object.keys(p.spec.podSelector ?? {}).length === 0 &&
        [...(p.spec.policyTypes ?? [])].sort().join() === 'Egress,Ingress' &&
        !p.spec.ingress &&
        !p.spec.egress,
    );
    expect(denyAll.map((p: any) => p.metadata.name)).toHaveLength(1);
  }
  // The CRDs came with the stack, and the custom resources are served by them.
  for (const crd of crds) expect(get('CustomResourceDefinition', crd.metadata.name)).toBeDefined();
});

test('a second up reports no changes', async () => {
  const up = await op('second up', (onOutput) => stack.up(operationOptions(onOutput)));
  expect(up.summary.result).toBe('succeeded');
  expect(up.summary.resourceChanges).toEqual({ same: RESOURCES });
});

/** Previews `program` on the deployed stack; resolves with the CLI's failure (undefined if it passed). */
async function failedPreview(
  label: string,
  program: ReturnType<typeof localProgram>,
): Promise<string | undefined> {
  return op(label, (onOutput) => stack.preview({ ...operationOptions(onOutput), program })).then(
    () => undefined,
    (e: Error) => e.message,
  );
}

test('the gate refuses a privileged pod; bypassing the gate, the CrossGuard pack blocks it with the rule id', async () => {
  // Through the gate, the program itself refuses it, before anything reaches the engine.
  const refused = await failedPreview(
    'preview (privileged pod, gated)',
    localProgram({ env: ENV, kubeconfig, extraObjects: [PRIVILEGED_POD] }),
  );
  expect(refused).toContain("refusing to deploy environment 'dev'");
  expect(refused).toContain('[pss.baseline.privileged] Pod commerce/debug');
  expect(refused).not.toMatch(/\[mandatory\]/); // the engine never saw the pod

  // Registered without the gate (ungatedObjects), the pack reports a mandatory violation. (The
  // API server's dry run refuses the pod too: Pod Security Admission enforces restricted.)
  const blocked = await failedPreview(
    'preview (privileged pod, ungated)',
    localProgram({ env: ENV, kubeconfig, ungatedObjects: [PRIVILEGED_POD] }),
  );
  expect(blocked).not.toContain('refusing to deploy');
  expect(blocked).toContain(
    '[mandatory]  bulwark-object-errors  (kubernetes:core/v1:Pod: pod-commerce-debug)',
  );
  expect(blocked).toContain('[pss.baseline.privileged] Pod commerce/debug');
  expect(get('Pod', 'debug', 'commerce')).toBeUndefined();
});

test('the CrossGuard pack alone blocks a wildcard Role that the API server would accept', async () => {
  const blocked = await failedPreview(
    'preview (wildcard Role, ungated)',
    localProgram({ env: ENV, kubeconfig, ungatedObjects: [WILDCARD_ROLE] }),
  );
  expect(blocked).toContain(
    '[mandatory]  bulwark-object-errors  (kubernetes:rbac.authorization.k8s.io/v1:Role: role-default-everything)',
  );
  expect(blocked).toContain('[rbac.wildcard-rules] Role default/everything');
  // Nothing else objected: the server-side dry run of the Role passed.
  expect(blocked).not.toMatch(/creation failed|forbidden|denied/);
  expect(get('Role', 'everything', 'default')).toBeUndefined();
});

test('destroy removes everything it created', async () => {
  const destroy = await op('destroy', (onOutput) => stack.destroy({ onOutput }));
  destroyed = true;
  expect(destroy.summary.result).toBe('succeeded');
  expect(destroy.summary.resourceChanges).toEqual({ delete: RESOURCES });
  const left = [...created.entries()]
    .filter(
      ([, c]) =>
        get(c.object.kind, c.object.metadata.name, c.object.metadata.namespace)?.metadata.uid === c.uid,
    )
    .map(([n]) => n);
  expect(left).toEqual([]);
});

/**
 * Every environment's dist/ on a real API server: the upstream CRDs install, every object is
 * accepted by server-side apply with no Pod Security (or other) warning, re-applying changes
 * nothing, and the RBAC the blueprint declares is exactly what SubjectAccessReviews grant.
 * Environments share namespace names, so each one starts from deleted namespaces (a Job's pod
 * template is immutable, and leftovers of another environment would blur the checks).
 */
import { apply, applyAll, describe as name, get, kubectl, reviewAccess, type AccessCheck } from './kube';
import { crdObjects, distObjects, ENVIRONMENTS } from './dist';

/**
 * What must not change on a re-apply: the generation (any spec change bumps it) and the set of
 * fields Bulwark owns. The manager's timestamp is not compared: the API server rewrites managed
 * fields when a controller (e.g. the admission-policy status writer) adds its own entry.
 */
function stamp(o: Record<string, any>): string {
  const live = get(o.kind, o.metadata.name, o.metadata.namespace);
  const mine = (live?.metadata?.managedFields ?? []).find(
    (f: any) => f.manager === 'bulwark' && f.operation === 'Apply',
  );
  return JSON.stringify({ generation: live?.metadata?.generation, fields: mine?.fieldsV1 });
}

/** Deletes what an earlier run or environment left: the namespaces, and the cluster-scoped objects. */
function startClean(objects: Record<string, any>[]): void {
  const names = objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name);
  const r = kubectl(['delete', 'namespace', ...names, '--ignore-not-found', '--wait=true', '--timeout=180s']);
  expect(r.stderr).toBe('');
  for (const o of objects.filter((x) => !x.metadata.namespace && x.kind !== 'Namespace')) {
    const d = kubectl(['delete', o.kind, o.metadata.name, '--ignore-not-found', '--wait=true']);
    expect(d.stderr).toBe('');
  }
}

beforeAll(() => {
  const crds = crdObjects();
  expect(crds.length).toBeGreaterThanOrEqual(10);
  const r = applyAll(crds);
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
  const wait = kubectl([
    'wait',
    '--for=condition=Established',
    '--timeout=120s',
    ...crds.map((c) => `crd/${c.metadata.name}`),
  ]);
  expect(wait.stderr).toBe('');
});

describe.each(ENVIRONMENTS)('dist/%s on kube-apiserver', (env) => {
  const objects = distObjects(env);
  beforeAll(() => startClean(objects));

  test('every object is accepted by server-side apply with no warning', () => {
    expect(objects.length).toBeGreaterThan(40);
    const batch = applyAll(objects);
    if (batch.status === 0 && batch.warnings.length === 0 && batch.stderr === '') return;
    // Something was refused or warned about: apply one by one to name the objects at fault.
    const problems: string[] = [];
    for (const object of objects) {
      const r = apply(object);
      if (r.status !== 0) problems.push(`${name(object)} was rejected: ${r.stderr.trim()}`);
      for (const w of r.warnings) problems.push(`${name(object)}: ${w}`);
    }
    expect(problems.length > 0 ? problems : [`batch apply failed: ${batch.stderr.trim()}`]).toEqual([]);
  });

  test('re-applying is a no-op: no object changes generation or its applied fields', () => {
    const before = objects.map(stamp);
    const r = applyAll(objects);
    expect(r.stderr).toBe('');
    const after = objects.map(stamp);
    const changed = objects.filter((_, i) => before[i] !== after[i]).map(name);
    expect(changed).toEqual([]);
  });

  test('SubjectAccessReviews: each app can do exactly what it declared, nothing dangerous; default can do nothing', () => {
    const mustAllow: AccessCheck[] = [];
    const mustDeny: AccessCheck[] = [];
    const workloads = objects.filter((o) => ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(o.kind));
    expect(workloads.length).toBeGreaterThanOrEqual(6);
    for (const w of workloads) {
      const namespace = w.metadata.namespace;
      const user = `system:serviceaccount:${namespace}:${w.metadata.name}`;
      const role = objects.find(
        (o) => o.kind === 'Role' && o.metadata.namespace === namespace && o.metadata.name === w.metadata.name,
      );
      for (const rule of role?.rules ?? []) {
        for (const resource of rule.resources)
          for (const verb of rule.verbs) mustAllow.push({ user, verb, resource, namespace });
      }
      for (const [verb, resource] of [
        ['list', 'secrets'],
        ['get', 'secrets'],
        ['create', 'pods'],
        ['create', 'pods/exec'],
        ['escalate', 'roles'],
        ['bind', 'roles'],
        ['impersonate', 'serviceaccounts'],
        ['create', 'deployments'],
        ['create', 'serviceaccounts/token'],
      ]) {
        mustDeny.push({ user, verb, resource, namespace });
      }
      // What it did not declare it does not get: ConfigMaps are the one thing an app in the blueprint reads.
      if (!role) mustDeny.push({ user, verb: 'get', resource: 'configmaps', namespace });
    }
    for (const nsObject of objects.filter((o) => o.kind === 'Namespace')) {
      const namespace = nsObject.metadata.name;
      for (const [verb, resource] of [
        ['get', 'configmaps'],
        ['list', 'pods'],
        ['get', 'secrets'],
        ['create', 'pods'],
        ['list', 'serviceaccounts'],
      ]) {
        mustDeny.push({ user: `system:serviceaccount:${namespace}:default`, verb, resource, namespace });
      }
    }
    expect(mustAllow.length).toBeGreaterThan(0);
    const allowed = reviewAccess(mustAllow);
    const denied = reviewAccess(mustDeny);
    const text = (c: AccessCheck) => `${c.user} ${c.verb} ${c.resource} in ${c.namespace}`;
    expect(mustAllow.filter((_, i) => !allowed[i]).map((c) => `cannot: ${text(c)}`)).toEqual([]);
    expect(mustDeny.filter((_, i) => denied[i]).map((c) => `can: ${text(c)}`)).toEqual([]);
  });
});

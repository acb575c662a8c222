/**
 * For every app of every environment, the Vault side grants exactly what the generated manifests
 * read, and nothing else. The expected reads are taken from the manifests (not from the
 * declarations), so a policy and the objects that use it cannot drift apart unnoticed. Policies are
 * evaluated with a small Vault ACL evaluator (tests/constructs/secrets/helpers/vault-acl.ts).
 */
import fc from 'fast-check';
import { ENVIRONMENTS } from '../../environments';
import { synthesizeEnvironment } from '../../environments/synthesize';
import { podTargetOf } from '../../policies/k8s';
import type { K8sObject } from '../../policies/types';
import { Acl, CAPABILITIES } from '../constructs/secrets/helpers/vault-acl';

/** One identity's reads, as the manifests configure them. */
interface Reader {
  readonly role: string;
  readonly serviceAccount: string;
  readonly namespace: string;
  /** `namespace/app` → Vault paths read for that app. */
  readonly reads: Map<string, Set<string>>;
  /** Lease prefixes VSO revokes. */
  readonly revokes: Set<string>;
}

function readersOf(objects: readonly K8sObject[]): Map<string, Reader> {
  const readers = new Map<string, Reader>();
  const reader = (role: string, serviceAccount: string, namespace: string) => {
    const r = readers.get(role) ?? {
      role,
      serviceAccount,
      namespace,
      reads: new Map(),
      revokes: new Set<string>(),
    };
    expect([r.serviceAccount, r.namespace]).toEqual([serviceAccount, namespace]);
    readers.set(role, r);
    return r;
  };
  const read = (r: Reader, app: string, path: string) =>
    r.reads.set(app, new Set([...(r.reads.get(app) ?? []), path]));
  const byName = (kind: string, ns: string, name: string) => {
    const o = objects.find(
      (x) => x.kind === kind && x.metadata?.namespace === ns && x.metadata?.name === name,
    ) as any;
    if (!o) throw new Error(`${kind} ${ns}/${name} is referenced but not emitted`);
    return o;
  };
  const appOf = (o: K8sObject) =>
    `${o.metadata?.namespace}/${o.metadata?.labels?.['app.kubernetes.io/name']}`;
  for (const o of objects as any[]) {
    const ns = o.metadata?.namespace;
    if (o.kind === 'ExternalSecret') {
      const store = byName('SecretStore', ns, o.spec.secretStoreRef.name).spec.provider.vault;
      expect(store.version).toBe('v2');
      const r = reader(store.auth.kubernetes.role, store.auth.kubernetes.serviceAccountRef.name, ns);
      for (const d of o.spec.data) read(r, appOf(o), `${store.path}/data/${d.remoteRef.key}`);
    }
    if (o.kind === 'VaultStaticSecret' || o.kind === 'VaultDynamicSecret') {
      const auth = byName('VaultAuth', ns, o.spec.vaultAuthRef).spec.kubernetes;
      const r = reader(auth.role, auth.serviceAccount, ns);
      const path =
        o.kind === 'VaultStaticSecret'
          ? `${o.spec.mount}/data/${o.spec.path}`
          : `${o.spec.mount}/${o.spec.path}`;
      read(r, appOf(o), path);
      if (o.kind === 'VaultDynamicSecret' && o.spec.revoke) r.revokes.add(path);
    }
    const pod = podTargetOf(o);
    const a = pod?.metadata.annotations ?? {};
    if (pod && a['vault.hashicorp.com/agent-inject'] === 'true') {
      const r = reader(a['vault.hashicorp.com/role'], pod.spec.serviceAccountName as string, ns);
      for (const [k, v] of Object.entries(a))
        if (k.startsWith('vault.hashicorp.com/agent-inject-secret-')) read(r, appOf(o), v);
    }
  }
  return readers;
}

/** Paths near the ones read: parents, children, siblings, metadata, globs, other engines. */
function probesAround(paths: readonly string[]): string[] {
  const out = new Set<string>([
    'sys/policy',
    'sys/leases/revoke-prefix/database',
    'auth/token/create',
    'kv/config',
    'database/config/main',
    'cubbyhole/x',
  ]);
  for (const p of paths) {
    const segments = p.split('/');
    out.add(`${p}/child`).add(`${p}x`).add(p.slice(0, -1)).add(`${p}/`);
    for (let i = 1; i < segments.length; i++)
      out.add(segments.slice(0, i).join('/')).add(`${segments.slice(0, i).join('/')}/`);
    if (segments[1] === 'data') {
      for (const api of ['metadata', 'delete', 'destroy', 'undelete', 'subkeys'])
        out.add([segments[0], api, ...segments.slice(2)].join('/'));
    }
    out.add([...segments.slice(0, -1), 'other'].join('/'));
    if (segments[1] === 'creds')
      out
        .add([segments[0], 'static-creds', ...segments.slice(2)].join('/'))
        .add([segments[0], 'roles', ...segments.slice(2)].join('/'));
  }
  return [...out];
}

describe.each(Object.values(ENVIRONMENTS).map((e) => [e.name, e] as const))(
  'Vault policies of %s',
  (_name, env) => {
    const { objects, vault } = synthesizeEnvironment(env);
    const readers = readersOf(objects);
    const allPaths = [...readers.values()].flatMap((r) => [...r.reads.values()].flatMap((s) => [...s]));
    const probes = probesAround(allPaths);
    const policyText = new Map(vault.policies.map((p) => [p.name, p.hcl]));

    test('there is something to check: readers on all three backends', () => {
      expect([...readers.keys()].sort()).toEqual([
        'app.finance.invoice-export',
        'app.finance.ledger',
        'eso.commerce',
      ]);
    });

    test('every role the manifests log in with exists, bound to exactly that ServiceAccount and namespace', () => {
      expect(vault.roles.map((r) => r.name).sort()).toEqual([...readers.keys()].sort());
      for (const role of vault.roles) {
        const r = readers.get(role.name)!;
        expect(role).toMatchObject({
          backend: env.vault.kubernetesAuthMount,
          boundServiceAccountNames: [r.serviceAccount],
          boundServiceAccountNamespaces: [r.namespace],
          audience: 'vault',
          aliasNameSource: 'serviceaccount_uid',
        });
        const lifetime = role.tokenPeriod ?? role.tokenMaxTtl!;
        expect(lifetime).toBeGreaterThan(0);
        expect(lifetime).toBeLessThanOrEqual(3600);
        for (const p of role.tokenPolicies) expect(policyText.has(p)).toBe(true);
      }
      // Every policy is attached to some role.
      expect(new Set(vault.roles.flatMap((r) => r.tokenPolicies))).toEqual(new Set(policyText.keys()));
    });

    test.each([...readers.values()].map((r) => [r.role, r] as const))(
      "role %s's token may read exactly the paths its manifests read, with no other capability",
      (_role, r) => {
        const role = vault.roles.find((x) => x.name === r.role)!;
        const acl = new Acl(role.tokenPolicies.map((p) => policyText.get(p)!));
        const expected = new Set([...r.reads.values()].flatMap((s) => [...s]));
        for (const path of expected) {
          expect(acl.allows('read', path)).toBe(true);
          for (const c of CAPABILITIES.filter((x) => x !== 'read'))
            expect([path, c, acl.allows(c, path)]).toEqual([path, c, false]);
        }
        for (const path of probes.filter((p) => !expected.has(p)))
          for (const c of CAPABILITIES) expect([path, c, acl.allows(c, path)]).toEqual([path, c, false]);
        fc.assert(
          fc.property(
            fc.array(
              fc.constantFrom(
                ...new Set(
                  allPaths.flatMap((p) => p.split('/')).concat(['x', 'data', 'metadata', '*', '+', '']),
                ),
              ),
              { minLength: 1, maxLength: 6 },
            ),
            (segments) => {
              const path = segments.join('/');
              expect(acl.allows('read', path)).toBe(expected.has(path));
            },
          ),
          { numRuns: 500 },
        );
      },
    );

    test.each(
      [...readers.values()].flatMap((r) =>
        [...r.reads.entries()].map(([app, paths]) => [r.role, app, paths] as const),
      ),
    )("role %s: the policy for %s alone grants exactly that app's paths", (role, app, paths) => {
      const identity = role.startsWith('eso.') ? 'eso' : 'app';
      const policies = vault.policies.filter((p) => p.app === app && p.identity === identity);
      expect(policies).toHaveLength(1);
      const acl = new Acl([policies[0].hcl]);
      for (const path of allPaths) expect([path, acl.allows('read', path)]).toEqual([path, paths.has(path)]);
    });

    test('lease revocation: only where VSO revokes, only those leases', () => {
      for (const r of readers.values()) {
        const role = vault.roles.find((x) => x.name === r.role)!;
        const acl = new Acl(role.tokenPolicies.map((p) => policyText.get(p)!));
        for (const prefix of r.revokes) {
          expect(acl.allows('update', 'sys/leases/revoke', { lease_id: `${prefix}/abc123` })).toBe(true);
          expect(acl.allows('update', 'sys/leases/revoke', { lease_id: `${prefix}-other/abc123` })).toBe(
            false,
          );
        }
        expect(acl.allows('update', 'sys/leases/revoke', { lease_id: 'kv/data/x' })).toBe(false);
        if (r.revokes.size === 0) expect(acl.allows('update', 'sys/leases/revoke')).toBe(false);
      }
      expect([...readers.values()].some((r) => r.revokes.size > 0)).toBe(true);
    });

    test('no policy grants metadata, list or a glob', () => {
      for (const p of vault.policies) {
        expect(p.hcl).not.toMatch(/\/metadata\//);
        expect(p.hcl).not.toMatch(/"list"|"sudo"|"create"|"delete"|"patch"/);
        expect(p.hcl).not.toMatch(/path "[^"]*[*+]"/);
      }
    });
  },
);

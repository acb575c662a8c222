/**
 * No secret value anywhere: no Secret object with data, no credential literal in any manifest or
 * in the Vault side; and every Secret a pod reads is produced by a Vault-backed object in the same
 * namespace, with the keys the pod reads.
 */
import { ENVIRONMENTS } from '../../environments';
import { synthesizeEnvironment } from '../../environments/synthesize';
import { vaultSideFiles } from '../../environments/vault';
import { credentialShapeOf, isLiteralValue, isSensitiveName } from '../../policies/analysis/credentials';
import { containersOf, podTargetOf } from '../../policies/k8s';
import type { K8sObject } from '../../policies/types';
import { parsePolicy } from '../constructs/secrets/helpers/vault-acl';

/** Every string leaf with its path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

/** Secret name → keys, for what Vault-backed objects produce in a namespace. */
function produced(objects: readonly K8sObject[], namespace: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const o of objects as any[]) {
    if (o.metadata?.namespace !== namespace) continue;
    if (o.kind === 'ExternalSecret') {
      expect(o.spec.target.creationPolicy).toBe('Owner');
      out.set(o.spec.target.name, new Set(o.spec.data.map((d: any) => d.secretKey)));
    }
    if (o.kind === 'VaultStaticSecret' || o.kind === 'VaultDynamicSecret') {
      expect(o.spec.destination.create).toBe(true);
      const keys = (o.spec.destination.transformation.includes as string[]).map((re) =>
        re.replace(/^\^|\$$/g, '').replace(/\\\./g, '.'),
      );
      out.set(o.spec.destination.name, new Set(keys));
    }
  }
  return out;
}

describe.each(Object.values(ENVIRONMENTS).map((e) => [e.name, e] as const))(
  'no secret values in %s',
  (_name, env) => {
    const { objects, files, vault } = synthesizeEnvironment(env);

    test('zero Secret objects (and so none with data); zero ConfigMaps with credential keys', () => {
      expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
      for (const o of objects.filter((x) => x.kind === 'ConfigMap') as any[])
        for (const key of Object.keys({ ...o.data, ...o.binaryData }))
          expect(isSensitiveName(key)).toBe(false);
    });

    test('no string in any object is shaped like a credential', () => {
      for (const o of objects)
        for (const [path, value] of strings(o))
          expect([`${o.kind} ${o.metadata?.name} ${path}`, credentialShapeOf(value)]).toEqual([
            `${o.kind} ${o.metadata?.name} ${path}`,
            undefined,
          ]);
      for (const text of files.values()) expect(text).not.toMatch(/\b(stringData|password:|token:)\s/);
    });

    test('no env var with a credential-like name has a literal value', () => {
      for (const o of objects) {
        const pod = podTargetOf(o);
        if (!pod) continue;
        for (const { container } of containersOf(pod))
          for (const e of (container.env as any[] | undefined) ?? [])
            if (isSensitiveName(e.name)) expect(e.value === undefined || !isLiteralValue(e.value)).toBe(true);
      }
    });

    test('every Secret a pod reads is produced by a Vault-backed object in its namespace, with the keys it reads', () => {
      let checked = 0;
      for (const o of objects) {
        const pod = podTargetOf(o);
        if (!pod) continue;
        const available = produced(objects, o.metadata!.namespace!);
        const need = (name: string, key?: string) => {
          checked++;
          expect([o.metadata?.name, name, available.has(name)]).toEqual([o.metadata?.name, name, true]);
          if (key !== undefined) expect(available.get(name)!.has(key)).toBe(true);
        };
        for (const v of (pod.spec.volumes as any[] | undefined) ?? []) {
          if (v.secret) {
            expect(v.secret.items?.length).toBeGreaterThan(0);
            for (const item of v.secret.items) need(v.secret.secretName, item.key);
          }
          for (const s of v.projected?.sources ?? []) if (s.secret) need(s.secret.name);
        }
        for (const { container } of containersOf(pod)) {
          for (const e of (container.env as any[] | undefined) ?? [])
            if (e.valueFrom?.secretKeyRef) need(e.valueFrom.secretKeyRef.name, e.valueFrom.secretKeyRef.key);
          for (const e of (container.envFrom as any[] | undefined) ?? [])
            if (e.secretRef) need(e.secretRef.name);
        }
        for (const p of (pod.spec.imagePullSecrets as any[] | undefined) ?? []) need(p.name);
      }
      expect(checked).toBeGreaterThan(0);
    });

    test('every Vault-backed Secret is read by a pod of its namespace (nothing synced for nobody)', () => {
      const read = new Set<string>();
      for (const o of objects) {
        const pod = podTargetOf(o);
        for (const v of (pod?.spec.volumes as any[] | undefined) ?? [])
          if (v.secret) read.add(`${o.metadata?.namespace}/${v.secret.secretName}`);
      }
      const namespaces = new Set(
        objects.map((o) => o.metadata?.namespace).filter((n): n is string => n !== undefined),
      );
      for (const ns of namespaces)
        for (const name of produced(objects, ns).keys()) expect(read.has(`${ns}/${name}`)).toBe(true);
    });

    test('the Vault side holds policies and role settings only', () => {
      for (const [file, text] of vaultSideFiles(vault)) {
        for (const [, value] of strings(file.endsWith('.json') ? JSON.parse(text) : text))
          expect(credentialShapeOf(value)).toBeUndefined();
        if (file.endsWith('.hcl')) expect(() => parsePolicy(text)).not.toThrow();
        else
          expect(Object.keys(JSON.parse(text)).sort()).toEqual(
            expect.arrayContaining([
              'alias_name_source',
              'audience',
              'bound_service_account_names',
              'bound_service_account_namespaces',
              'token_policies',
            ]),
          );
      }
    });
  },
);

/**
 * Every custom resource of every environment validates against the upstream CRD's served
 * `openAPIV3Schema` (vendored in crds/), with unknown fields rejected; and the validation bites.
 */
import { ENVIRONMENTS } from '../../environments';
import { synthesizeEnvironment } from '../../environments/synthesize';
import type { K8sObject } from '../../policies/types';
import { crdErrors, isCustomResource } from '../constructs/secrets/helpers/crd-schema';

const EMITTED_KINDS = [
  'ExternalSecret',
  'SecretStore',
  'VaultAuth',
  'VaultConnection',
  'VaultDynamicSecret',
  'VaultStaticSecret',
];

describe.each(Object.values(ENVIRONMENTS).map((e) => [e.name, e] as const))(
  'custom resources of %s',
  (_name, env) => {
    const custom = synthesizeEnvironment(env).objects.filter(isCustomResource);

    test('the blueprint emits every kind the secret backends use', () => {
      expect([...new Set(custom.map((o) => o.kind))].sort()).toEqual(EMITTED_KINDS);
    });

    test.each(custom.map((o) => [`${o.kind} ${o.metadata?.namespace}/${o.metadata?.name}`, o] as const))(
      '%s validates against its CRD',
      (_id, object) => {
        expect(crdErrors(object)).toEqual([]);
      },
    );
  },
);

describe('the CRD validation bites', () => {
  const objects = synthesizeEnvironment(ENVIRONMENTS.prod).objects;
  const first = (kind: string) => {
    const found = objects.find((o) => o.kind === kind);
    if (!found) throw new Error(`no ${kind}`);
    return JSON.parse(JSON.stringify(found)) as Record<string, any>;
  };
  const withChange = (kind: string, change: (o: Record<string, any>) => void): K8sObject => {
    const o = first(kind);
    change(o);
    return o;
  };

  test.each<[string, K8sObject, string]>([
    [
      "VaultStaticSecret refreshAfter '1d' (days are not in the pattern)",
      withChange('VaultStaticSecret', (o) => (o.spec.refreshAfter = '1d')),
      '/spec/refreshAfter: must match pattern',
    ],
    [
      "VaultStaticSecret refreshAfter '1h30m' (one unit only)",
      withChange('VaultStaticSecret', (o) => (o.spec.refreshAfter = '1h30m')),
      '/spec/refreshAfter: must match pattern',
    ],
    [
      "VaultStaticSecret type 'kv-v3'",
      withChange('VaultStaticSecret', (o) => (o.spec.type = 'kv-v3')),
      '/spec/type: must be equal to one of the allowed values',
    ],
    [
      'VaultStaticSecret without a path',
      withChange('VaultStaticSecret', (o) => delete o.spec.path),
      "/spec: must have required property 'path'",
    ],
    [
      "VaultStaticSecret restart target kind 'CronJob'",
      withChange(
        'VaultStaticSecret',
        (o) => (o.spec.rolloutRestartTargets = [{ kind: 'CronJob', name: 'x' }]),
      ),
      '/spec/rolloutRestartTargets/0/kind: must be equal to one of the allowed values',
    ],
    [
      'VaultDynamicSecret renewalPercent 95',
      withChange('VaultDynamicSecret', (o) => (o.spec.renewalPercent = 95)),
      '/spec/renewalPercent: must be <= 90',
    ],
    [
      'VaultAuth token expiry below 600 s',
      withChange('VaultAuth', (o) => (o.spec.kubernetes.tokenExpirationSeconds = 300)),
      '/spec/kubernetes/tokenExpirationSeconds: must be >= 600',
    ],
    [
      "VaultAuth method 'token'",
      withChange('VaultAuth', (o) => (o.spec.method = 'token')),
      '/spec/method: must be equal to one of the allowed values',
    ],
    [
      'VaultConnection without skipTLSVerify',
      withChange('VaultConnection', (o) => delete o.spec.skipTLSVerify),
      "/spec: must have required property 'skipTLSVerify'",
    ],
    [
      "SecretStore kv version 'v3'",
      withChange('SecretStore', (o) => (o.spec.provider.vault.version = 'v3')),
      '/spec/provider/vault/version: must be equal to one of the allowed values',
    ],
    [
      'SecretStore without a role',
      withChange('SecretStore', (o) => delete o.spec.provider.vault.auth.kubernetes.role),
      "/spec/provider/vault/auth/kubernetes: must have required property 'role'",
    ],
    [
      "ExternalSecret creationPolicy 'Owned'",
      withChange('ExternalSecret', (o) => (o.spec.target.creationPolicy = 'Owned')),
      '/spec/target/creationPolicy: must be equal to one of the allowed values',
    ],
    [
      "ExternalSecret store kind 'VaultStore'",
      withChange('ExternalSecret', (o) => (o.spec.secretStoreRef.kind = 'VaultStore')),
      '/spec/secretStoreRef/kind: must be equal to one of the allowed values',
    ],
    [
      "ExternalSecret metadataPolicy 'Always'",
      withChange('ExternalSecret', (o) => (o.spec.data[0].remoteRef.metadataPolicy = 'Always')),
      '/spec/data/0/remoteRef/metadataPolicy: must be equal to one of the allowed values',
    ],
    [
      'ExternalSecret with a misspelt field',
      withChange('ExternalSecret', (o) => (o.spec.refreshIntrval = '1h')),
      "/spec: must NOT have additional properties 'refreshIntrval'",
    ],
    [
      'ExternalSecret secretKey with a space',
      withChange('ExternalSecret', (o) => (o.spec.data[0].secretKey = 'a b')),
      '/spec/data/0/secretKey: must match pattern',
    ],
    [
      'ExternalSecret at the unserved v1beta1',
      withChange('ExternalSecret', (o) => (o.apiVersion = 'external-secrets.io/v1beta1')),
      'external-secrets.io/v1beta1 ExternalSecret is not served by any vendored CRD',
    ],
  ])('%s is rejected', (_case, object, expected) => {
    const errors = crdErrors(object);
    expect(errors.some((e) => e.startsWith(expected))).toBe(true);
  });

  test('the Secret type is a free string in the ESO and VSO CRDs, so Bulwark pins it itself (Opaque)', () => {
    expect(
      crdErrors(withChange('ExternalSecret', (o) => (o.spec.target.template.type = 'example.com/unknown'))),
    ).toEqual([]);
    for (const o of objects.filter((x) => x.kind === 'ExternalSecret'))
      expect((o as any).spec.target.template.type).toBe('Opaque');
    for (const o of objects.filter((x) => x.kind === 'VaultStaticSecret' || x.kind === 'VaultDynamicSecret'))
      expect((o as any).spec.destination.type).toBe('Opaque');
  });
});

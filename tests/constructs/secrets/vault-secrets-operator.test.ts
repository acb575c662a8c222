/** The Vault Secrets Operator backend: connection per namespace, auth per app, static and dynamic secrets. */
import { SecretBackend, SecureApp, WorkloadKind } from '../../../constructs';
import { find } from '../../helpers/chart';
import { appWith, IMAGE, podOf, VAULT } from './helpers/fixture';

const VSO = SecretBackend.VAULT_SECRETS_OPERATOR;

describe('vaultSecretsOperator backend', () => {
  const declared = [
    { name: 'db', database: { role: 'shop-api' }, backend: VSO },
    { name: 'config', path: 'shop/api/config', keys: ['token'], backend: VSO, refreshInterval: '90m' },
  ];

  test('one VaultConnection per namespace; a VaultAuth per app logging in as the app ServiceAccount', () => {
    const { ns, objects } = appWith(declared);
    new SecureApp(ns, 'worker', {
      image: IMAGE,
      ports: [9090],
      secrets: [{ name: 'config', path: 'shop/worker/config', keys: ['k'], backend: VSO }],
    });
    const all = objects();
    expect(all.filter((o) => o.kind === 'VaultConnection')).toHaveLength(1);
    expect(find(all, 'VaultConnection', 'vault', 'shop').spec).toEqual({
      address: VAULT.address,
      skipTLSVerify: false,
    });
    expect(find(all, 'VaultAuth', 'api', 'shop').spec).toEqual({
      kubernetes: {
        audiences: ['vault'],
        role: 'app.shop.api',
        serviceAccount: 'api',
        tokenExpirationSeconds: 600,
      },
      method: 'kubernetes',
      mount: 'kubernetes-test',
      vaultConnectionRef: 'vault',
    });
    expect(find(all, 'VaultAuth', 'worker', 'shop').spec.kubernetes.serviceAccount).toBe('worker');
  });

  test('the app ServiceAccount still mounts no token: VSO uses the TokenRequest API', () => {
    const all = appWith(declared).objects();
    expect(find(all, 'ServiceAccount', 'api').automountServiceAccountToken).toBe(false);
    expect(podOf(all, 'api').spec.automountServiceAccountToken).toBe(false);
  });

  test('VaultStaticSecret: kv-v2, refreshAfter, HMAC on, restart of the Deployment, created Secret with only the keys', () => {
    const all = appWith(declared).objects();
    expect(find(all, 'VaultStaticSecret', 'api-config', 'shop').spec).toEqual({
      destination: {
        create: true,
        labels: find(all, 'Deployment', 'api').metadata.labels,
        name: 'api-config',
        overwrite: false,
        transformation: { excludeRaw: true, includes: ['^token$'] },
        type: 'Opaque',
      },
      hmacSecretData: true,
      mount: 'kv',
      path: 'shop/api/config',
      refreshAfter: '90m',
      rolloutRestartTargets: [{ kind: 'Deployment', name: 'api' }],
      type: 'kv-v2',
      vaultAuthRef: 'api',
    });
  });

  test('VaultDynamicSecret: database creds path, lease renewal at 67%, revoke on delete, restart target', () => {
    const all = appWith(declared).objects();
    const spec = find(all, 'VaultDynamicSecret', 'api-db', 'shop').spec;
    expect(spec).toMatchObject({
      mount: 'database',
      path: 'creds/shop-api',
      renewalPercent: 67,
      revoke: true,
      rolloutRestartTargets: [{ kind: 'Deployment', name: 'api' }],
      vaultAuthRef: 'api',
      destination: {
        create: true,
        name: 'api-db',
        transformation: { excludeRaw: true, includes: ['^username$', '^password$'] },
      },
    });
    expect(spec.refreshAfter).toBeUndefined();
  });

  test('database settings are passed through', () => {
    const all = appWith([
      {
        name: 'db',
        database: { role: 'r', mount: 'pg', renewalPercent: 50, revoke: false },
        backend: VSO,
        keys: ['username'],
      },
    ]).objects();
    expect(find(all, 'VaultDynamicSecret', 'api-db').spec).toMatchObject({
      mount: 'pg',
      path: 'creds/r',
      renewalPercent: 50,
      revoke: false,
    });
  });

  test('StatefulSets are restart targets; jobs are not (a job reads the new value on its next run)', () => {
    const { ns, objects } = appWith([], { kind: WorkloadKind.STATEFUL_SET, secrets: declared });
    new SecureApp(ns, 'nightly', {
      image: IMAGE,
      kind: WorkloadKind.CRON_JOB,
      schedule: '0 3 * * *',
      secrets: [{ name: 'db', database: { role: 'nightly' }, backend: VSO }],
    });
    const all = objects();
    expect(find(all, 'VaultStaticSecret', 'statefulset-app-config').spec.rolloutRestartTargets).toEqual([
      { kind: 'StatefulSet', name: 'statefulset-app' },
    ]);
    expect(find(all, 'VaultDynamicSecret', 'nightly-db').spec.rolloutRestartTargets).toBeUndefined();
  });

  test('no Reloader annotation: VSO restarts the workload itself', () => {
    expect(find(appWith(declared).objects(), 'Deployment', 'api').metadata.annotations).toBeUndefined();
  });

  test('the pod mounts the VSO-written Secrets as files', () => {
    const pod = podOf(appWith(declared).objects(), 'api');
    expect(pod.spec.containers[0].volumeMounts).toEqual(
      expect.arrayContaining([
        { mountPath: '/var/run/secrets/bulwark/db', name: 'secret-db', readOnly: true },
        { mountPath: '/var/run/secrets/bulwark/config', name: 'secret-config', readOnly: true },
      ]),
    );
  });
});

/** The External Secrets backend (the default): store per namespace, ExternalSecret per secret, pod wiring. */
import { SecretBackend, SecureApp, WorkloadKind } from '../../../constructs';
import { find } from '../../helpers/chart';
import { appWith, IMAGE, podOf, VAULT } from './helpers/fixture';

describe('externalSecrets backend', () => {
  const declared = [
    { name: 'db', path: 'shop/api/db', keys: ['username', 'password'] },
    { name: 'tls', path: 'shop/api/tls', keys: ['tls.key'], fileOnly: true, refreshInterval: '1h30m' },
  ];

  test('is the default backend', () => {
    const { objects } = appWith([{ name: 'db', path: 'shop/api/db', keys: ['password'] }]);
    expect(objects().filter((o) => o.kind === 'ExternalSecret')).toHaveLength(1);
  });

  test('one reader ServiceAccount and one SecretStore per namespace and mount, shared by its apps', () => {
    const { ns, objects } = appWith(declared);
    new SecureApp(ns, 'worker', {
      image: IMAGE,
      ports: [9090],
      secrets: [{ name: 'queue', path: 'shop/worker/queue', keys: ['url'] }],
    });
    const all = objects();
    expect(all.filter((o) => o.kind === 'SecretStore')).toHaveLength(1);
    expect(all.filter((o) => o.kind === 'ServiceAccount' && o.metadata?.name === 'eso-reader')).toHaveLength(
      1,
    );
    expect(find(all, 'ServiceAccount', 'eso-reader', 'shop').automountServiceAccountToken).toBe(false);
    expect(find(all, 'SecretStore', 'vault-kv', 'shop')).toMatchObject({
      apiVersion: 'external-secrets.io/v1',
      spec: {
        provider: {
          vault: {
            server: VAULT.address,
            path: 'kv',
            version: 'v2',
            auth: {
              kubernetes: {
                mountPath: 'kubernetes-test',
                role: 'eso.shop',
                serviceAccountRef: { name: 'eso-reader', audiences: ['vault'] },
              },
            },
          },
        },
      },
    });
  });

  test('a secret on another kv mount gets its own store', () => {
    const { objects } = appWith([
      { name: 'a', path: 'shop/api/a', keys: ['k'] },
      { name: 'b', mount: 'team-kv', path: 'shop/api/b', keys: ['k'] },
    ]);
    const stores = objects().filter((o) => o.kind === 'SecretStore');
    expect(stores.map((s) => s.metadata?.name).sort()).toEqual(['vault-kv', 'vault-team-kv']);
    expect(find(objects(), 'ExternalSecret', 'api-b').spec.secretStoreRef).toEqual({
      kind: 'SecretStore',
      name: 'vault-team-kv',
    });
  });

  test('ExternalSecret: refresh interval, owned target Secret, one remote ref per key, no metadata fetch', () => {
    const all = appWith(declared).objects();
    const db = find(all, 'ExternalSecret', 'api-db', 'shop');
    expect(db.spec).toEqual({
      data: [
        {
          remoteRef: { key: 'shop/api/db', metadataPolicy: 'None', property: 'username' },
          secretKey: 'username',
        },
        {
          remoteRef: { key: 'shop/api/db', metadataPolicy: 'None', property: 'password' },
          secretKey: 'password',
        },
      ],
      refreshInterval: '30m',
      refreshPolicy: 'Periodic',
      secretStoreRef: { kind: 'SecretStore', name: 'vault-kv' },
      target: {
        creationPolicy: 'Owner',
        name: 'api-db',
        template: { engineVersion: 'v2', metadata: { labels: db.metadata.labels }, type: 'Opaque' },
      },
    });
    expect(find(all, 'ExternalSecret', 'api-tls').spec.refreshInterval).toBe('1h30m');
  });

  test('a pinned version is passed as the remote ref version', () => {
    const all = appWith([{ name: 'db', path: 'shop/api/db', keys: ['password'], version: 3 }]).objects();
    expect(find(all, 'ExternalSecret', 'api-db').spec.data[0].remoteRef.version).toBe('3');
  });

  test('files by default: a read-only secret volume with exactly the declared keys', () => {
    const pod = podOf(appWith(declared).objects(), 'api');
    expect(pod.spec.volumes).toEqual(
      expect.arrayContaining([
        {
          name: 'secret-db',
          secret: {
            defaultMode: 0o440,
            items: [
              { key: 'username', path: 'username' },
              { key: 'password', path: 'password' },
            ],
            secretName: 'api-db',
          },
        },
      ]),
    );
    expect(pod.spec.containers[0].volumeMounts).toEqual(
      expect.arrayContaining([
        { mountPath: '/var/run/secrets/bulwark/db', name: 'secret-db', readOnly: true },
        { mountPath: '/var/run/secrets/bulwark/tls', name: 'secret-tls', readOnly: true },
      ]),
    );
    expect(pod.spec.automountServiceAccountToken).toBe(false);
  });

  test('env on request: secretKeyRef entries merged with the plain env, sorted; no files unless asked', () => {
    const all = appWith(
      [
        {
          name: 'db',
          path: 'shop/api/db',
          keys: ['username', 'password'],
          env: { DB_USER: 'username', DB_PASSWORD: 'password' },
        },
      ],
      {
        env: { LOG_LEVEL: 'info' },
      },
    ).objects();
    const container = podOf(all, 'api').spec.containers[0];
    expect(container.env).toEqual([
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'api-db' } } },
      { name: 'DB_USER', valueFrom: { secretKeyRef: { key: 'username', name: 'api-db' } } },
      { name: 'LOG_LEVEL', value: 'info' },
    ]);
    expect(JSON.stringify(container.volumeMounts)).not.toContain('secret-db');
  });

  test('env and files together when both are asked for', () => {
    const all = appWith([
      {
        name: 'db',
        path: 'shop/api/db',
        keys: ['password'],
        env: { DB_PASSWORD: 'password' },
        mountPath: '/etc/db',
      },
    ]).objects();
    const container = podOf(all, 'api').spec.containers[0];
    expect(container.env).toHaveLength(1);
    expect(container.volumeMounts).toEqual(
      expect.arrayContaining([{ mountPath: '/etc/db', name: 'secret-db', readOnly: true }]),
    );
  });

  test('long-running workloads carry the Reloader annotation listing their synced Secrets; jobs do not', () => {
    const { ns, objects } = appWith(declared);
    new SecureApp(ns, 'nightly', {
      image: IMAGE,
      kind: WorkloadKind.CRON_JOB,
      schedule: '0 3 * * *',
      secrets: [{ name: 'db', path: 'shop/nightly/db', keys: ['password'] }],
    });
    const all = objects();
    expect(find(all, 'Deployment', 'api').metadata.annotations).toEqual({
      'secret.reloader.stakater.com/reload': 'api-db,api-tls',
    });
    expect(find(all, 'CronJob', 'nightly').metadata.annotations).toBeUndefined();
  });

  test('the backend can be named by its string value too', () => {
    const all = appWith([
      { name: 'db', path: 'shop/api/db', keys: ['k'], backend: 'externalSecrets' },
    ]).objects();
    expect(all.some((o) => o.kind === 'ExternalSecret')).toBe(true);
    expect(SecretBackend.EXTERNAL_SECRETS).toBe('externalSecrets');
  });
});

/** The Vault Agent Injector backend: annotations, projected vault-audience token, egress to Vault. */
import { SecretBackend, WorkloadKind } from '../../../constructs';
import { find } from '../../helpers/chart';
import { appWith, podOf, VAULT } from './helpers/fixture';

const AGENT = SecretBackend.AGENT_INJECTOR;
const A = 'vault.hashicorp.com/';

describe('agentInjector backend', () => {
  const declared = [
    {
      name: 'sftp',
      path: 'shop/api/sftp',
      keys: ['username', 'private-key'],
      backend: AGENT,
      fileOnly: true,
    },
  ];

  test('pod annotations: inject, role, auth path, service, token volume, agent as the app user, sized', () => {
    const a = podOf(appWith(declared).objects(), 'api').metadata.annotations;
    expect(a).toMatchObject({
      [`${A}agent-inject`]: 'true',
      [`${A}role`]: 'app.shop.api',
      [`${A}auth-path`]: 'auth/kubernetes-test',
      [`${A}service`]: VAULT.address,
      [`${A}agent-service-account-token-volume-name`]: 'vault-token',
      [`${A}agent-run-as-user`]: '10001',
      [`${A}agent-run-as-group`]: '10001',
      [`${A}agent-set-security-context`]: 'true',
      [`${A}agent-requests-cpu`]: '50m',
      [`${A}agent-requests-mem`]: '64Mi',
      [`${A}agent-requests-ephemeral`]: '16Mi',
      [`${A}agent-limits-cpu`]: '200m',
      [`${A}agent-limits-mem`]: '128Mi',
      [`${A}agent-limits-ephemeral`]: '64Mi',
      [`${A}template-static-secret-render-interval`]: '30m',
    });
    expect(a[`${A}agent-pre-populate-only`]).toBeUndefined();
  });

  test('one rendered file per key, named after the key, at the mount path, 0400, failing on a missing key', () => {
    const a = podOf(appWith(declared).objects(), 'api').metadata.annotations;
    expect(a[`${A}agent-inject-secret-sftp.private-key`]).toBe('kv/data/shop/api/sftp');
    expect(a[`${A}agent-inject-template-sftp.private-key`]).toBe(
      '{{- with secret "kv/data/shop/api/sftp" -}}{{ index .Data.data "private-key" }}{{- end -}}',
    );
    expect(a[`${A}agent-inject-file-sftp.private-key`]).toBe('private-key');
    expect(a[`${A}agent-inject-perms-sftp.private-key`]).toBe('0400');
    expect(a[`${A}error-on-missing-key-sftp.private-key`]).toBe('true');
    expect(a[`${A}secret-volume-path-sftp.private-key`]).toBe('/var/run/secrets/bulwark/sftp');
    expect(a[`${A}agent-inject-file-sftp.username`]).toBe('username');
  });

  test('versions and database credentials use the right template', () => {
    const a = podOf(
      appWith([
        { name: 'cfg', path: 'shop/api/cfg', keys: ['k'], version: 4, backend: AGENT },
        { name: 'db', database: { role: 'shop-api' }, backend: AGENT },
      ]).objects(),
      'api',
    ).metadata.annotations;
    expect(a[`${A}agent-inject-template-cfg.k`]).toBe(
      '{{- with secret "kv/data/shop/api/cfg?version=4" -}}{{ index .Data.data "k" }}{{- end -}}',
    );
    expect(a[`${A}agent-inject-secret-db.password`]).toBe('database/creds/shop-api');
    expect(a[`${A}agent-inject-template-db.password`]).toBe(
      '{{- with secret "database/creds/shop-api" -}}{{ index .Data "password" }}{{- end -}}',
    );
  });

  test('the shortest refresh interval drives the render interval', () => {
    const a = podOf(
      appWith([
        { name: 'a', path: 'shop/api/a', keys: ['k'], backend: AGENT, refreshInterval: '2h' },
        { name: 'b', path: 'shop/api/b', keys: ['k'], backend: AGENT, refreshInterval: '45m' },
      ]).objects(),
      'api',
    ).metadata.annotations;
    expect(a[`${A}template-static-secret-render-interval`]).toBe('45m');
  });

  test('a projected token with audience vault and a short expiry; the automounted token stays off', () => {
    const spec = podOf(appWith(declared).objects(), 'api').spec;
    expect(spec.automountServiceAccountToken).toBe(false);
    expect(spec.volumes).toEqual(
      expect.arrayContaining([
        {
          name: 'vault-token',
          projected: {
            sources: [{ serviceAccountToken: { audience: 'vault', expirationSeconds: 600, path: 'token' } }],
          },
        },
      ]),
    );
    // Only the injected agent mounts it; the app container gets no token.
    expect(JSON.stringify(spec.containers)).not.toContain('vault-token');
  });

  test('Jobs and CronJobs are pre-populate-only (no sidecar) and have no render interval', () => {
    for (const kind of [WorkloadKind.JOB, WorkloadKind.CRON_JOB]) {
      const { objects } = appWith([], { kind, secrets: declared });
      const a = podOf(objects(), `${String(kind).toLowerCase()}-app`).metadata.annotations;
      expect(a[`${A}agent-pre-populate-only`]).toBe('true');
      expect(a[`${A}template-static-secret-render-interval`]).toBeUndefined();
    }
  });

  test('the app may reach Vault, and only on its port', () => {
    const policy = find(appWith(declared).objects(), 'NetworkPolicy', 'api');
    expect(policy.spec.egress).toEqual(
      expect.arrayContaining([
        { ports: [{ port: 8200, protocol: 'TCP' }], to: [{ ipBlock: { cidr: '10.9.0.10/32' } }] },
      ]),
    );
  });

  test('no Secret object, ExternalSecret or VSO object: the value never reaches etcd', () => {
    const kinds = new Set(
      appWith(declared)
        .objects()
        .map((o) => o.kind),
    );
    for (const kind of ['Secret', 'ExternalSecret', 'SecretStore', 'VaultStaticSecret', 'VaultAuth'])
      expect(kinds.has(kind)).toBe(false);
  });
});

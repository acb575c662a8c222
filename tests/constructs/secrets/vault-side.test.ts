/** The Vault side derived from the declarations: per-identity policies and Kubernetes auth roles. */
import fc from 'fast-check';
import {
  renderVaultSide,
  roleRequestBody,
  SecretBackend,
  SecureApp,
  WorkloadKind,
} from '../../../constructs';
import { vaultSideFiles } from '../../../environments/vault';
import { appWith, IMAGE } from './helpers/fixture';
import { Acl, parsePolicy } from './helpers/vault-acl';

function mixed() {
  const { ns, app } = appWith([
    { name: 'cfg', path: 'shop/api/cfg', keys: ['a'] },
    { name: 'db', database: { role: 'shop-api' }, backend: SecretBackend.VAULT_SECRETS_OPERATOR },
    {
      name: 'cert',
      path: 'shop/api/cert',
      keys: ['tls.key'],
      backend: SecretBackend.AGENT_INJECTOR,
      version: 2,
    },
  ]);
  new SecureApp(ns, 'worker', {
    image: IMAGE,
    ports: [80],
    secrets: [{ name: 'q', path: 'shop/worker/q', keys: ['url'] }],
  });
  new SecureApp(ns, 'nightly', {
    image: IMAGE,
    kind: WorkloadKind.CRON_JOB,
    schedule: '0 3 * * *',
    secrets: [{ name: 'ftp', path: 'shop/nightly/ftp', keys: ['k'], backend: SecretBackend.AGENT_INJECTOR }],
  });
  new SecureApp(ns, 'plain', { image: IMAGE, ports: [80] });
  return renderVaultSide(app.node.root);
}

describe('the Vault side', () => {
  test('one policy per identity that reads for an app; apps without secrets get none', () => {
    expect(mixed().policies.map((p) => [p.name, p.app, p.identity])).toEqual([
      ['app.shop.api', 'shop/api', 'app'],
      ['app.shop.nightly', 'shop/nightly', 'app'],
      ['eso.shop.api', 'shop/api', 'eso'],
      ['eso.shop.worker', 'shop/worker', 'eso'],
    ]);
  });

  test("the app identity's policy reads its VSO and agent paths, the ESO policy its ESO paths, nothing crosses", () => {
    const side = mixed();
    const own = new Acl([side.policies.find((p) => p.name === 'app.shop.api')!.hcl]);
    const eso = new Acl([side.policies.find((p) => p.name === 'eso.shop.api')!.hcl]);
    expect(own.allows('read', 'database/creds/shop-api')).toBe(true);
    expect(own.allows('read', 'kv/data/shop/api/cert')).toBe(true);
    expect(own.allows('read', 'kv/data/shop/api/cfg')).toBe(false);
    expect(eso.allows('read', 'kv/data/shop/api/cfg')).toBe(true);
    expect(eso.allows('read', 'kv/data/shop/api/cert')).toBe(false);
    expect(eso.allows('read', 'database/creds/shop-api')).toBe(false);
  });

  test('roles: app SA and the namespace ESO reader, audience vault, alias by UID, short TTLs', () => {
    const roles = mixed().roles;
    expect(roles.map((r) => r.name)).toEqual(['app.shop.api', 'app.shop.nightly', 'eso.shop']);
    expect(roles.find((r) => r.name === 'eso.shop')).toEqual({
      name: 'eso.shop',
      backend: 'kubernetes-test',
      boundServiceAccountNames: ['eso-reader'],
      boundServiceAccountNamespaces: ['shop'],
      audience: 'vault',
      aliasNameSource: 'serviceaccount_uid',
      tokenPolicies: ['eso.shop.api', 'eso.shop.worker'],
      tokenTtl: 600,
      tokenMaxTtl: 1200,
    });
    expect(roles.find((r) => r.name === 'app.shop.nightly')).toMatchObject({
      boundServiceAccountNames: ['nightly'],
      boundServiceAccountNamespaces: ['shop'],
      tokenPolicies: ['app.shop.nightly'],
      tokenTtl: 600,
      tokenMaxTtl: 1200,
    });
  });

  test('an identity holding database leases gets a periodic token, so its leases are not revoked with an expiring token', () => {
    const api = mixed().roles.find((r) => r.name === 'app.shop.api')!;
    expect(api.tokenPeriod).toBe(1200);
    expect(api.tokenTtl).toBeUndefined();
    expect(api.tokenMaxTtl).toBeUndefined();
  });

  test('VSO lease revocation is granted for its own leases only', () => {
    const own = new Acl([mixed().policies.find((p) => p.name === 'app.shop.api')!.hcl]);
    expect(own.allows('update', 'sys/leases/revoke', { lease_id: 'database/creds/shop-api/XyZ' })).toBe(true);
    expect(own.allows('update', 'sys/leases/revoke', { lease_id: 'database/creds/other/XyZ' })).toBe(false);
    expect(own.allows('update', 'sys/leases/revoke-prefix/database/creds/shop-api')).toBe(false);
  });

  test('no revocation grant when revoke is off', () => {
    const { app } = appWith([
      { name: 'db', database: { role: 'r', revoke: false }, backend: SecretBackend.VAULT_SECRETS_OPERATOR },
    ]);
    const hcl = renderVaultSide(app.node.root).policies[0].hcl;
    expect(parsePolicy(hcl).map((r) => r.path)).toEqual(['database/creds/r']);
  });

  test('two secrets reading one path give one rule', () => {
    const { app } = appWith([
      { name: 'a', path: 'shop/api/x', keys: ['a'] },
      { name: 'b', path: 'shop/api/x', keys: ['b'] },
    ]);
    expect(parsePolicy(renderVaultSide(app.node.root).policies[0].hcl)).toHaveLength(1);
  });

  test('role request body is Vault API snake_case', () => {
    const api = mixed().roles.find((r) => r.name === 'app.shop.api')!;
    expect(roleRequestBody(api)).toEqual({
      alias_name_source: 'serviceaccount_uid',
      audience: 'vault',
      bound_service_account_names: ['api'],
      bound_service_account_namespaces: ['shop'],
      token_policies: ['app.shop.api'],
      token_period: 1200,
    });
  });

  test('vaultSideFiles: <policy>.hcl and <role>.json, sorted', () => {
    const files = vaultSideFiles(mixed());
    expect([...files.keys()]).toEqual([
      'app.shop.api.hcl',
      'app.shop.api.json',
      'app.shop.nightly.hcl',
      'app.shop.nightly.json',
      'eso.shop.api.hcl',
      'eso.shop.json',
      'eso.shop.worker.hcl',
    ]);
    expect(JSON.parse(files.get('eso.shop.json')!)).toMatchObject({ audience: 'vault', token_ttl: 600 });
  });
});

describe('the Vault side for any valid declaration', () => {
  const segment = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,8}$/);
  const declaration = fc.record({
    path: fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/')),
    backend: fc.constantFrom(...Object.values(SecretBackend)),
    database: fc.boolean(),
  });

  test('grants read on exactly the declared data/creds paths, to the identity of each backend', () => {
    fc.assert(
      fc.property(fc.array(declaration, { minLength: 1, maxLength: 5 }), (decls) => {
        fc.pre(
          decls.every(
            (d) => !d.path.startsWith('kv/') && d.path !== 'kv' && !/^(data|metadata)(\/|$)/.test(d.path),
          ),
        );
        const secrets = decls.map((d, i) =>
          d.database && d.backend !== SecretBackend.EXTERNAL_SECRETS
            ? { name: `s${i}`, database: { role: d.path.replace(/\//g, '-') }, backend: d.backend }
            : { name: `s${i}`, path: d.path, keys: ['k'], backend: d.backend },
        );
        const { app } = appWith(secrets);
        const side = renderVaultSide(app.node.root);
        const aclOf = (identity: 'app' | 'eso') =>
          new Acl(side.policies.filter((p) => p.identity === identity).map((p) => p.hcl));
        const expected = (identity: 'app' | 'eso') =>
          new Set(
            secrets
              .filter((s) => (s.backend === SecretBackend.EXTERNAL_SECRETS) === (identity === 'eso'))
              .map((s) => ('database' in s ? `database/creds/${s.database!.role}` : `kv/data/${s.path}`)),
          );
        const probes = decls.flatMap((d) => [
          `kv/data/${d.path}`,
          `kv/metadata/${d.path}`,
          `kv/data/${d.path}/x`,
          `database/creds/${d.path.replace(/\//g, '-')}`,
        ]);
        for (const identity of ['app', 'eso'] as const) {
          const acl = aclOf(identity);
          const want = expected(identity);
          for (const p of probes)
            expect([identity, p, acl.allows('read', p)]).toEqual([identity, p, want.has(p)]);
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** Invalid secret declarations fail with exact messages naming the app and the field. */
import { SecureApp, SecureNamespace, WorkloadKind, type SecretDeclaration } from '../../../constructs';
import { testPlatform } from '../../helpers/chart';
import { appWith, IMAGE, shop, VAULT } from './helpers/fixture';

const P = "SecureApp 'shop/api': ";
const declare =
  (secrets: readonly SecretDeclaration[], props: Record<string, unknown> = {}) =>
  () =>
    appWith(secrets, props);
const kv = (extra: Partial<SecretDeclaration> = {}): SecretDeclaration => ({
  name: 'db',
  path: 'shop/api/db',
  keys: ['password'],
  ...extra,
});

describe('secret declaration errors', () => {
  test.each<[string, readonly SecretDeclaration[], Record<string, unknown>, string]>([
    [
      'relative Vault path',
      [kv({ path: '/shop/api/db' })],
      {},
      "secrets[0].path '/shop/api/db' must be relative to the kv mount: drop the leading '/' ('shop/api/db').",
    ],
    [
      'kv path with the mount',
      [kv({ path: 'kv/shop/api/db' })],
      {},
      "secrets[0].path 'kv/shop/api/db' starts with the mount 'kv': give the path without it ('shop/api/db'); Bulwark reads 'kv/data/<path>'.",
    ],
    [
      "kv path with kv-v2's data/ segment",
      [kv({ path: 'data/shop/api/db' })],
      {},
      "secrets[0].path 'data/shop/api/db' starts with kv-v2's API segment 'data/': give the path without it ('shop/api/db'); Bulwark reads 'kv/data/<path>'.",
    ],
    [
      'glob in the path',
      [kv({ path: 'shop/*' })],
      {},
      "secrets[0].path 'shop/*' must be segments of letters, digits, '.', '_' or '-' joined by single '/' (no globs, no '..', no trailing '/').",
    ],
    [
      'missing path',
      [{ name: 'db', keys: ['password'] }],
      {},
      "secrets[0].path is required for a kv secret (or declare 'database' for dynamic database credentials).",
    ],
    [
      'bad mount',
      [kv({ mount: '/kv' })],
      {},
      "secrets[0].mount '/kv' is not a Vault mount path (e.g. 'kv').",
    ],
    [
      'env on a file-only secret',
      [kv({ fileOnly: true, env: { DB_PASSWORD: 'password' } })],
      {},
      'secrets[0].env is not allowed: the secret is marked fileOnly, so it may only be mounted as files (see secrets[0].mountPath).',
    ],
    [
      'env on the agent injector',
      [kv({ backend: 'agentInjector', env: { DB_PASSWORD: 'password' } })],
      {},
      "secrets[0].env is not supported by backend 'agentInjector': the Vault Agent renders files only; read the files at secrets[0].mountPath.",
    ],
    [
      'env naming an undeclared key',
      [kv({ env: { DB_USER: 'user' } })],
      {},
      "secrets[0].env.DB_USER names key 'user', which is not among keys (password).",
    ],
    [
      'invalid env var name',
      [kv({ env: { 'db-password': 'password' } })],
      {},
      "secrets[0].env 'db-password' is not a valid environment variable name (letters, digits and '_', not starting with a digit).",
    ],
    [
      'env shadowing a plain env var',
      [kv({ env: { DB_PASSWORD: 'password' } })],
      { env: { DB_PASSWORD: '$(x)' } },
      'secrets[0].env.DB_PASSWORD is already set in env; each variable has one source.',
    ],
    [
      'env set by two secrets',
      [kv({ env: { PW: 'password' } }), kv({ name: 'other', env: { PW: 'password' } })],
      {},
      'secrets[1].env.PW is already set by secrets[0].',
    ],
    [
      'unknown backend',
      [kv({ backend: 'csi' as never })],
      {},
      "secrets[0].backend 'csi' is not a secret backend; use 'externalSecrets', 'vaultSecretsOperator', 'agentInjector'.",
    ],
    [
      'ESO refresh interval in days',
      [kv({ refreshInterval: '1d' })],
      {},
      "secrets[0].refreshInterval '1d' is not a duration backend 'externalSecrets' accepts (a Go duration such as '1h', '30m' or '1h30m'; days are not a unit, use '24h').",
    ],
    [
      'VSO refresh interval with two units (the CRD pattern allows one)',
      [kv({ backend: 'vaultSecretsOperator', refreshInterval: '1h30m' })],
      {},
      "secrets[0].refreshInterval '1h30m' is not a duration backend 'vaultSecretsOperator' accepts (one number with unit s, m or h, e.g. '90m' or '24h').",
    ],
    [
      'agent refresh interval in days',
      [kv({ backend: 'agentInjector', refreshInterval: '7d' })],
      {},
      "secrets[0].refreshInterval '7d' is not a duration backend 'agentInjector' accepts (one number with unit s, m or h, e.g. '90m' or '24h').",
    ],
    [
      'duplicate names',
      [kv(), kv({ path: 'shop/api/other' })],
      {},
      "secrets[1].name 'db' is declared twice.",
    ],
    [
      'invalid name',
      [kv({ name: 'DB' })],
      {},
      "secrets[0].name 'DB' is not a valid DNS-1123 label (lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters).",
    ],
    [
      'empty keys',
      [kv({ keys: [] })],
      {},
      "secrets[0].keys is empty: name the keys the app reads (e.g. ['password']).",
    ],
    [
      'missing keys',
      [{ name: 'db', path: 'shop/api/db' }],
      {},
      "secrets[0].keys is empty: name the keys the app reads (e.g. ['password']).",
    ],
    [
      'invalid key',
      [kv({ keys: ['pass word'] })],
      {},
      "secrets[0].keys[0] 'pass word' is not a valid key (letters, digits, '-', '_' or '.', at most 63 characters).",
    ],
    ['duplicate key', [kv({ keys: ['a', 'a'] })], {}, "secrets[0].keys[1] 'a' is declared twice."],
    [
      'relative mount path',
      [kv({ mountPath: 'etc/db' })],
      {},
      "secrets[0].mountPath 'etc/db' must be an absolute path without '.', '..' or '//' (e.g. '/tmp').",
    ],
    [
      'mount path inside a writable path',
      [kv({ mountPath: '/tmp/db' })],
      {},
      "secrets[0].mountPath '/tmp/db' overlaps writablePaths '/tmp'; mount the secret at its own read-only directory (e.g. '/var/run/secrets/bulwark/db').",
    ],
    [
      'mount path containing a writable path',
      [kv({ mountPath: '/var/cache' })],
      { writablePaths: ['/var/cache/app'] },
      "secrets[0].mountPath '/var/cache' overlaps writablePaths '/var/cache/app'; mount the secret at its own read-only directory (e.g. '/var/run/secrets/bulwark/db').",
    ],
    [
      'mount path over the platform token mount',
      [kv({ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' })],
      {},
      "secrets[0].mountPath '/var/run/secrets/kubernetes.io/serviceaccount' overlaps '/var/run/secrets/kubernetes.io', which the platform mounts; choose another directory.",
    ],
    [
      'two secrets in one directory',
      [kv({ mountPath: '/etc/app' }), kv({ name: 'b', mountPath: '/etc/app/b' })],
      {},
      "secrets[1].mountPath '/etc/app/b' overlaps secrets[0].mountPath '/etc/app'; give each secret its own directory.",
    ],
    [
      'database credentials on External Secrets',
      [{ name: 'db', database: { role: 'shop-api' } }],
      {},
      "secrets[0].database is not supported by backend 'externalSecrets': External Secrets neither renews nor revokes leases. Use 'vaultSecretsOperator' or 'agentInjector'.",
    ],
    [
      'database and path together',
      [{ name: 'db', path: 'shop/api/db', database: { role: 'r' }, backend: 'vaultSecretsOperator' }],
      {},
      "secrets[0] declares both a kv secret ('path'/'mount') and 'database': a secret reads one or the other.",
    ],
    [
      'refresh interval on database credentials',
      [{ name: 'db', database: { role: 'r' }, backend: 'vaultSecretsOperator', refreshInterval: '1h' }],
      {},
      'secrets[0].refreshInterval does not apply to database credentials: the lease TTL drives renewal (see database.renewalPercent).',
    ],
    [
      'renewal percent out of the CRD range',
      [{ name: 'db', database: { role: 'r', renewalPercent: 95 }, backend: 'vaultSecretsOperator' }],
      {},
      'secrets[0].database.renewalPercent 95 must be a whole number from 0 to 90.',
    ],
    [
      'VSO-only settings on the agent',
      [{ name: 'db', database: { role: 'r', revoke: false }, backend: 'agentInjector' }],
      {},
      'secrets[0].database.renewalPercent and revoke are Vault Secrets Operator settings; the Vault Agent renews its leases itself.',
    ],
    [
      'kv version 0',
      [kv({ version: 0 })],
      {},
      'secrets[0].version 0 must be a whole number >= 1 (a kv-v2 version).',
    ],
    [
      'version on database credentials',
      [{ name: 'db', database: { role: 'r' }, backend: 'vaultSecretsOperator', version: 2 }],
      {},
      'secrets[0].version applies to kv secrets only, not to database credentials.',
    ],
    [
      'empty rotation input',
      [kv({ rotation: ' ' })],
      {},
      "secrets[0].rotation must be a non-empty string of at most 253 characters (e.g. '2026-08-01').",
    ],
    [
      'an annotation name the injector cannot take',
      [
        {
          name: 'a-rather-long-secret-name-for-this',
          path: 'shop/api/x',
          keys: ['and-a-long-key'],
          backend: 'agentInjector',
        },
      ],
      {},
      "secrets[0].keys[0] 'and-a-long-key' makes the annotation 'vault.hashicorp.com/agent-inject-template-a-rather-long-secret-name-for-this.and-a-long-key' invalid (at most 63 characters after the prefix, starting and ending with a letter or digit); shorten the secret name or key.",
    ],
  ])('%s', (_case, secrets, props, message) => {
    expect(declare(secrets, props)).toThrow(P + message);
  });

  test('storage mount path', () => {
    expect(
      declare([kv({ mountPath: '/data/secrets' })], {
        kind: WorkloadKind.STATEFUL_SET,
        storage: { size: '1Gi', mountPath: '/data' },
      }),
    ).toThrow(
      "SecureApp 'shop/statefulset-app': secrets[0].mountPath '/data/secrets' overlaps storage.mountPath '/data'; secrets never go to persistent storage.",
    );
  });

  test('no Vault in the Platform settings', () => {
    const ns = new SecureNamespace(testPlatform(), 'shop');
    expect(() => new SecureApp(ns, 'api', { image: IMAGE, ports: [8080], secrets: [kv()] })).toThrow(
      P +
        "secrets need the environment's Vault (address, kvMount, kubernetesAuthMount): set 'vault' in the Platform settings.",
    );
  });

  test('bad Vault settings', () => {
    const bad = (vault: object) => () => appWith([kv()], {}, shop({ vault: { ...VAULT, ...vault } }));
    expect(bad({ address: 'http://vault:8200' })).toThrow(
      P +
        "the Platform's vault.address 'http://vault:8200' must be an https URL such as 'https://vault.example:8200': Kubernetes tokens are sent to it.",
    );
    expect(bad({ kubernetesAuthMount: 'auth/kubernetes/' })).toThrow(
      P +
        "the Platform's vault.kubernetesAuthMount 'auth/kubernetes/' is not a Vault mount path (e.g. 'kv').",
    );
    expect(bad({ refreshInterval: '1h30m' })).toThrow(
      P +
        "the Platform's vault.refreshInterval '1h30m' must be a number with unit s, m or h (e.g. '1h'), which every backend accepts.",
    );
  });

  test('the agent injector needs to know where Vault is', () => {
    expect(() =>
      appWith([kv({ backend: 'agentInjector' })], {}, shop({ vault: { ...VAULT, network: undefined } })),
    ).toThrow(
      P +
        "secrets[0] uses backend 'agentInjector', whose agent runs in the pod and calls Vault: set the Platform's vault.network (cidr and port) so the app may reach it.",
    );
  });

  test('two apps producing the same Secret name', () => {
    const ns = shop();
    new SecureApp(ns, 'a-b', {
      image: IMAGE,
      ports: [80],
      secrets: [{ name: 'c', path: 'x/y', keys: ['k'] }],
    });
    expect(
      () =>
        new SecureApp(ns, 'a', {
          image: IMAGE,
          ports: [80],
          secrets: [{ name: 'b-c', path: 'x/z', keys: ['k'] }],
        }),
    ).toThrow(
      "SecureApp 'shop/a': secrets[0] would create Secret 'a-b-c', which app 'shop/a-b' already creates for its secret 'c'. Rename one of them.",
    );
  });

  test('an app may not take the External Secrets reader name', () => {
    const { ns } = appWith([kv()]);
    new SecureApp(ns, 'eso-reader', { image: IMAGE, ports: [80] });
    expect(() => (ns.node.scope as unknown as { toJson(): unknown }).toJson()).toThrow(
      "SecureApp 'shop/eso-reader': the app name 'eso-reader' is reserved in namespaces with External Secrets: it is the ServiceAccount External Secrets logs in to Vault with. Rename the app.",
    );
  });
});

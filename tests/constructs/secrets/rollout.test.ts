/**
 * What makes pods pick up a change: the declaration checksum on the pod template (synth time), the
 * rotation input in the synced object's spec (operator re-reads at once), the refresh interval in
 * each backend's own field (runtime), and each backend's restart mechanism.
 */
import fc from 'fast-check';
import { SecretBackend, type SecretDeclaration } from '../../../constructs';
import { find } from '../../helpers/chart';
import { appWith, podOf, shop, VAULT } from './helpers/fixture';

const CHECKSUM = 'bulwark.dev/secrets-checksum';
const BACKENDS = Object.values(SecretBackend);
const base = (backend: SecretBackend, extra: Partial<SecretDeclaration> = {}): SecretDeclaration => ({
  name: 'db',
  path: 'shop/api/db',
  keys: ['password'],
  fileOnly: true,
  backend,
  ...extra,
});
const checksumOf = (secrets: readonly SecretDeclaration[]) =>
  podOf(appWith(secrets).objects(), 'api').metadata.annotations[CHECKSUM] as string;

describe.each(BACKENDS)('rollout on %s', (backend) => {
  test('the pod template carries a sha256 checksum of the declarations', () => {
    expect(checksumOf([base(backend)])).toMatch(/^sha256:[a-f0-9]{64}$/);
  });

  test('it is stable for the same declarations', () => {
    expect(checksumOf([base(backend)])).toBe(checksumOf([base(backend)]));
  });

  test.each<[string, Partial<SecretDeclaration>]>([
    ['rotation input', { rotation: '2026-08-01' }],
    ['path', { path: 'shop/api/db2' }],
    ['keys', { keys: ['password', 'username'] }],
    ['version', { version: 7 }],
    ['mount', { mount: 'kv2' }],
  ])('a new %s changes the checksum, so applying the manifests rolls the workload', (_what, change) => {
    expect(checksumOf([base(backend, change)])).not.toBe(checksumOf([base(backend)]));
  });

  test('a new refresh interval leaves the checksum alone (it changes cadence, not content)', () => {
    expect(checksumOf([base(backend, { refreshInterval: '5m' })])).toBe(checksumOf([base(backend)]));
  });

  test('any two different rotation inputs give different checksums', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
        (a, b) => {
          fc.pre(a !== b);
          expect(checksumOf([base(backend, { rotation: a })])).not.toBe(
            checksumOf([base(backend, { rotation: b })]),
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('refresh interval and rotation reach the backend', () => {
  test('externalSecrets: refreshInterval on the ExternalSecret; rotation on the target template (spec change → re-sync)', () => {
    const all = appWith([
      base(SecretBackend.EXTERNAL_SECRETS, { refreshInterval: '5m', rotation: 'r2' }),
    ]).objects();
    const es = find(all, 'ExternalSecret', 'api-db');
    expect(es.spec.refreshInterval).toBe('5m');
    expect(es.spec.target.template.metadata.annotations).toEqual({ 'bulwark.dev/secret-rotation': 'r2' });
  });

  test('vaultSecretsOperator: refreshAfter; rotation on the destination', () => {
    const all = appWith([
      base(SecretBackend.VAULT_SECRETS_OPERATOR, { refreshInterval: '5m', rotation: 'r2' }),
    ]).objects();
    const vss = find(all, 'VaultStaticSecret', 'api-db');
    expect(vss.spec.refreshAfter).toBe('5m');
    expect(vss.spec.destination.annotations).toEqual({ 'bulwark.dev/secret-rotation': 'r2' });
  });

  test('vaultSecretsOperator database credentials: rotation on the destination re-issues them', () => {
    const all = appWith([
      { name: 'db', database: { role: 'r' }, backend: SecretBackend.VAULT_SECRETS_OPERATOR, rotation: 'r3' },
    ]).objects();
    expect(find(all, 'VaultDynamicSecret', 'api-db').spec.destination.annotations).toEqual({
      'bulwark.dev/secret-rotation': 'r3',
    });
  });

  test('agentInjector: the render interval', () => {
    const a = podOf(appWith([base(SecretBackend.AGENT_INJECTOR, { refreshInterval: '5m' })]).objects(), 'api')
      .metadata.annotations;
    expect(a['vault.hashicorp.com/template-static-secret-render-interval']).toBe('5m');
  });

  test("the environment's default refresh interval applies when a secret names none", () => {
    const ns = shop({ vault: { ...VAULT, refreshInterval: '20m' } });
    const all = appWith(
      [
        base(SecretBackend.EXTERNAL_SECRETS),
        { ...base(SecretBackend.VAULT_SECRETS_OPERATOR), name: 'other' },
      ],
      {},
      ns,
    ).objects();
    expect(find(all, 'ExternalSecret', 'api-db').spec.refreshInterval).toBe('20m');
    expect(find(all, 'VaultStaticSecret', 'api-other').spec.refreshAfter).toBe('20m');
  });

  test('no rotation input, no rotation annotation', () => {
    const all = appWith([base(SecretBackend.EXTERNAL_SECRETS)]).objects();
    expect(find(all, 'ExternalSecret', 'api-db').spec.target.template.metadata.annotations).toBeUndefined();
  });
});

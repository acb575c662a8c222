/**
 * Vault Secrets Operator objects. A namespace gets one `VaultConnection`; an app gets one
 * `VaultAuth` that logs in as the app's own ServiceAccount (VSO mints its token through the
 * TokenRequest API, so the pod still mounts no token), and one `VaultStaticSecret` or
 * `VaultDynamicSecret` per secret. VSO restarts the workload itself when a value changes
 * (`rolloutRestartTargets`, Deployments and StatefulSets; a Job's next pod reads the new value).
 */
import type { Construct } from 'constructs';
import type { SecureApp } from '../secure-app';
import { appRoleName } from './names';
import type { ResolvedSecret } from './resolve';
import { VAULT_DEFAULTS, type ResolvedVaultSettings } from './vault-settings';

/** The API version Bulwark emits (the only one VSO serves). */
export const VSO_API_VERSION = 'secrets.hashicorp.com/v1beta1';

/** Creates the app's VaultAuth (and the namespace's VaultConnection on first use); returns the VaultAuth name. */
export function renderVaultAuth(scope: Construct, app: SecureApp, vault: ResolvedVaultSettings): string {
  const namespace = app.namespace;
  const connection = VAULT_DEFAULTS.vsoConnectionName;
  if (!namespace.node.tryFindChild('VaultConnection')) {
    namespace.namespaced('VaultConnection', VSO_API_VERSION, 'VaultConnection', connection, {
      spec: { address: vault.address, skipTLSVerify: false },
    });
  }
  namespace.namespaced(
    'VaultAuth',
    VSO_API_VERSION,
    'VaultAuth',
    app.name,
    {
      spec: {
        kubernetes: {
          audiences: [VAULT_DEFAULTS.audience],
          role: appRoleName(namespace.name, app.name),
          serviceAccount: app.serviceAccountName,
          tokenExpirationSeconds: VAULT_DEFAULTS.serviceAccountTokenSeconds,
        },
        method: 'kubernetes',
        mount: vault.kubernetesAuthMount,
        vaultConnectionRef: connection,
      },
    },
    scope,
    app.labels,
  );
  return app.name;
}

/** VSO can restart Deployments and StatefulSets (CRD enum); jobs pick the value up on their next run. */
function restartTargets(app: SecureApp): Record<string, unknown> {
  const kind = String(app.kind);
  return kind === 'Deployment' || kind === 'StatefulSet'
    ? { rolloutRestartTargets: [{ kind, name: app.name }] }
    : {};
}

function destination(app: SecureApp, secret: ResolvedSecret): Record<string, unknown> {
  return {
    ...(secret.rotation !== undefined
      ? { annotations: { [VAULT_DEFAULTS.rotationAnnotation]: secret.rotation } }
      : {}),
    create: true,
    labels: { ...app.labels },
    name: secret.secretName,
    overwrite: false,
    // Only the declared keys reach etcd: no `_raw` copy of the whole response, no undeclared key.
    transformation: { excludeRaw: true, includes: secret.keys.map((k) => `^${k.replace(/\./g, '\\.')}$`) },
    type: 'Opaque',
  };
}

/** The VaultStaticSecret of one kv-v2 secret. */
export function renderVaultStaticSecret(
  scope: Construct,
  app: SecureApp,
  secret: ResolvedSecret,
  auth: string,
): void {
  if (secret.source.type !== 'kv') throw new Error('VaultStaticSecret renders kv secrets only');
  app.namespace.namespaced(
    `VaultStaticSecret-${secret.name}`,
    VSO_API_VERSION,
    'VaultStaticSecret',
    secret.secretName,
    {
      spec: {
        destination: destination(app, secret),
        // HMAC drift detection; VSO ignores rolloutRestartTargets without it.
        hmacSecretData: true,
        mount: secret.source.mount,
        path: secret.source.path,
        // Without refreshAfter VSO never re-reads the secret.
        refreshAfter: secret.refreshInterval,
        type: 'kv-v2',
        vaultAuthRef: auth,
        ...(secret.source.version !== undefined ? { version: secret.source.version } : {}),
        ...restartTargets(app),
      },
    },
    scope,
    app.labels,
  );
}

/** The VaultDynamicSecret of database credentials: renewed at renewalPercent, revoked on delete. */
export function renderVaultDynamicSecret(
  scope: Construct,
  app: SecureApp,
  secret: ResolvedSecret,
  auth: string,
): void {
  if (secret.source.type !== 'database')
    throw new Error('VaultDynamicSecret renders database credentials only');
  app.namespace.namespaced(
    `VaultDynamicSecret-${secret.name}`,
    VSO_API_VERSION,
    'VaultDynamicSecret',
    secret.secretName,
    {
      spec: {
        destination: destination(app, secret),
        mount: secret.source.mount,
        path: `creds/${secret.source.role}`,
        renewalPercent: secret.source.renewalPercent,
        revoke: secret.source.revoke,
        vaultAuthRef: auth,
        ...restartTargets(app),
      },
    },
    scope,
    app.labels,
  );
}

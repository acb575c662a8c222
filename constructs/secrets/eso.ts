/**
 * External Secrets Operator objects. A namespace gets one reader ServiceAccount and one
 * `SecretStore` per kv mount, shared by its apps; each secret gets an `ExternalSecret` whose target
 * Secret is owned by it (deleted with it). The reader SA is the only Vault identity ESO uses in the
 * namespace, never ESO's own pod token (which would make every namespace one identity).
 */
import { Lazy } from 'cdk8s';
import type { Construct } from 'constructs';
import { DeclarationError } from '../errors';
import type { SecureNamespace } from '../secure-namespace';
import { esoRoleName, secretStoreName } from './names';
import type { ResolvedSecret } from './resolve';
import { VAULT_DEFAULTS, type ResolvedVaultSettings } from './vault-settings';

/** The API version Bulwark emits (the only one ESO serves). */
export const ESO_API_VERSION = 'external-secrets.io/v1';

/** The kv mount each SecretStore reads, to catch two mounts mapping to one store name. */
const STORE_MOUNTS = new WeakMap<object, string>();

/**
 * The namespace's SecretStore for `mount`, created on first use; returns its name. The store logs in
 * with the namespace's reader ServiceAccount (token audience `vault`) to the namespace's Vault role.
 */
export function ensureSecretStore(
  namespace: SecureNamespace,
  mount: string,
  vault: ResolvedVaultSettings,
): string {
  const reader = VAULT_DEFAULTS.esoReaderServiceAccount;
  if (!namespace.node.tryFindChild('EsoReader')) {
    namespace.namespaced(
      'EsoReader',
      'v1',
      'ServiceAccount',
      reader,
      // ESO requests its tokens through the TokenRequest API; no pod runs as this account.
      { automountServiceAccountToken: false },
      namespace,
      undefined,
      { 'bulwark.dev/purpose': 'External Secrets Operator logs in to Vault as this account' },
    );
  }
  const name = secretStoreName(mount);
  const id = `SecretStore-${name}`;
  const existing = namespace.node.tryFindChild(id);
  if (existing) {
    const existingMount = STORE_MOUNTS.get(existing);
    if (existingMount !== mount)
      throw new DeclarationError(
        'SecureNamespace',
        namespace.name,
        `kv mounts '${existingMount}' and '${mount}' both map to SecretStore '${name}'; rename one mount.`,
      );
    return name;
  }
  const store = namespace.namespaced(id, ESO_API_VERSION, 'SecretStore', name, {
    spec: Lazy.any({
      produce: () => {
        // The reader account shares the namespace with the apps' own accounts (named after the apps).
        if (namespace.node.tryFindChild(reader))
          throw new DeclarationError(
            'SecureApp',
            `${namespace.name}/${reader}`,
            `the app name '${reader}' is reserved in namespaces with External Secrets: it is the ServiceAccount External Secrets logs in to Vault with. Rename the app.`,
          );
        return {
          provider: {
            vault: {
              server: vault.address,
              path: mount,
              version: 'v2',
              auth: {
                kubernetes: {
                  mountPath: vault.kubernetesAuthMount,
                  role: esoRoleName(namespace.name),
                  serviceAccountRef: { name: reader, audiences: [VAULT_DEFAULTS.audience] },
                },
              },
            },
          },
        };
      },
    }),
  });
  STORE_MOUNTS.set(store, mount);
  return name;
}

/** The ExternalSecret of one kv secret. */
export function renderExternalSecret(
  scope: Construct,
  namespace: SecureNamespace,
  secret: ResolvedSecret,
  storeName: string,
  labels: Readonly<Record<string, string>>,
): void {
  if (secret.source.type !== 'kv') throw new Error('ExternalSecret renders kv secrets only');
  const { path, version } = secret.source;
  const template: Record<string, unknown> = {
    engineVersion: 'v2',
    // No template data: the Secret holds exactly the fetched keys.
    metadata: {
      labels: { ...labels },
      ...(secret.rotation !== undefined
        ? { annotations: { [VAULT_DEFAULTS.rotationAnnotation]: secret.rotation } }
        : {}),
    },
    type: 'Opaque',
  };
  namespace.namespaced(
    `ExternalSecret-${secret.name}`,
    ESO_API_VERSION,
    'ExternalSecret',
    secret.secretName,
    {
      spec: {
        data: secret.keys.map((key) => ({
          remoteRef: {
            key: path,
            // No metadata is fetched, so the Vault policy needs no `metadata/` grant.
            metadataPolicy: 'None',
            property: key,
            ...(version !== undefined ? { version: String(version) } : {}),
          },
          secretKey: key,
        })),
        refreshInterval: secret.refreshInterval,
        refreshPolicy: 'Periodic',
        secretStoreRef: { kind: 'SecretStore', name: storeName },
        target: {
          // Owner: the Secret carries an ownerReference to the ExternalSecret and goes with it.
          creationPolicy: 'Owner',
          name: secret.secretName,
          template,
        },
      },
    },
    scope,
    labels,
  );
}

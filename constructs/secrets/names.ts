/**
 * Names shared by the Kubernetes side and the Vault side. Vault role and policy names join
 * namespace and app with '.', which no namespace or app name contains, so `a-b`/`c` and `a`/`b-c`
 * never collide, and the `app.`/`eso.` prefix keeps the two kinds of identity apart.
 */

/** The Vault role (and policy) of an app's own ServiceAccount: VSO and the Agent Injector log in as it. */
export function appRoleName(namespace: string, app: string): string {
  return `app.${namespace}.${app}`;
}

/** The Vault role of a namespace's External Secrets reader ServiceAccount. */
export function esoRoleName(namespace: string): string {
  return `eso.${namespace}`;
}

/** The policy of what the namespace's External Secrets reader reads on behalf of one app. */
export function esoPolicyName(namespace: string, app: string): string {
  return `eso.${namespace}.${app}`;
}

/** The namespace's SecretStore for a kv mount. */
export function secretStoreName(mount: string): string {
  return `vault-${mount.replace(/[^a-z0-9-]+/g, '-')}`;
}

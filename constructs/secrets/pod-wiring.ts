/**
 * How a pod consumes the Kubernetes Secrets that ESO and VSO write, and the checksum that rolls the
 * workload when a declaration changes. Pure functions over resolved secrets.
 */
import { createHash } from 'node:crypto';
import type { ResolvedSecret } from './resolve';
import { VAULT_DEFAULTS } from './vault-settings';

/** The pod volume of a secret's files: exactly the declared keys, read-only for owner and fsGroup. */
export function secretVolume(secret: ResolvedSecret): {
  volume: Record<string, unknown>;
  mount: Record<string, unknown>;
} {
  const name = `secret-${secret.name}`;
  return {
    volume: {
      name,
      secret: {
        defaultMode: VAULT_DEFAULTS.fileMode,
        items: secret.keys.map((key) => ({ key, path: key })),
        secretName: secret.secretName,
      },
    },
    mount: { mountPath: secret.mountPath, name, readOnly: true },
  };
}

/** The env entries of the secrets consumed as env vars (`secretKeyRef`, never a value). */
export function secretEnv(secrets: readonly ResolvedSecret[]): Record<string, unknown>[] {
  return secrets.flatMap((secret) =>
    Object.entries(secret.env).map(([name, key]) => ({
      name,
      valueFrom: { secretKeyRef: { key, name: secret.secretName } },
    })),
  );
}

/**
 * The rollout checksum: a hash of what each declaration says about *where* the values come from
 * and *which* (backend, mount, path, version, keys, database role, rotation input). Bulwark never
 * sees a value, so this changes only when a declaration changes; a value changed in Vault reaches
 * pods through the backend (see AppSecrets). The refresh interval is left out: it changes how often
 * the operator re-reads, not what the pod should hold.
 */
export function secretsChecksum(secrets: readonly ResolvedSecret[]): string {
  const canonical = secrets
    .map((s) => ({
      backend: s.backend,
      keys: s.keys,
      name: s.name,
      rotation: s.rotation ?? null,
      source: s.source,
    }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return `sha256:${createHash('sha256').update(JSON.stringify(canonical)).digest('hex')}`;
}

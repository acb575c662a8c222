/**
 * Validates an app's secret declarations and resolves every default, so the renderers and the
 * Vault side work from one fully specified list. Problems are sentences naming the field
 * (`secrets[1].path ...`); the caller adds the construct prefix.
 */
import { absolutePathProblem, dns1123LabelProblem } from '../validation';
import { SecretBackend, type SecretDeclaration } from './declaration';
import { refreshIntervalProblem } from './durations';
import { MOUNT_PATTERN, VAULT_DEFAULTS, type ResolvedVaultSettings } from './vault-settings';

/** Where a secret's value comes from in Vault. */
export type SecretSource =
  | { readonly type: 'kv'; readonly mount: string; readonly path: string; readonly version?: number }
  | {
      readonly type: 'database';
      readonly mount: string;
      readonly role: string;
      readonly renewalPercent: number;
      readonly revoke: boolean;
    };

/** A declaration with every default applied. */
export interface ResolvedSecret {
  readonly name: string;
  readonly backend: SecretBackend;
  readonly source: SecretSource;
  readonly keys: readonly string[];
  /** Files directory, or undefined when the secret is consumed through env only. */
  readonly mountPath?: string;
  /** Env var → key. */
  readonly env: Readonly<Record<string, string>>;
  readonly fileOnly: boolean;
  /** Undefined for database credentials (the lease drives renewal). */
  readonly refreshInterval?: string;
  readonly rotation?: string;
  /** The Kubernetes Secret the operator writes (ESO, VSO): `<app>-<name>`. */
  readonly secretName: string;
  /** The Vault API path the backend reads: `<mount>/data/<path>` or `<mount>/creds/<role>`. */
  readonly vaultPath: string;
}

/** What the declarations are checked against. */
export interface ResolveContext {
  readonly appName: string;
  readonly vault: ResolvedVaultSettings;
  /** The app's plain env vars. */
  readonly env: Readonly<Record<string, string>>;
  readonly writablePaths: readonly string[];
  readonly storageMountPath?: string;
}

const BACKENDS: readonly string[] = Object.values(SecretBackend);
/** Plain path segments only: no globs (`*`, `+`) that would widen the policy, no `..`, no empty segment. */
const KV_PATH = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const ROLE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Where Kubernetes mounts API tokens, and where the injected Vault Agent mounts its own token. */
const RESERVED_MOUNTS = ['/var/run/secrets/kubernetes.io', '/var/run/secrets/vault.hashicorp.com'];

/** `a` equals `b` or one contains the other, at a path-segment boundary. */
function overlaps(a: string, b: string): boolean {
  const x = a.endsWith('/') ? a : `${a}/`;
  const y = b.endsWith('/') ? b : `${b}/`;
  return x.startsWith(y) || y.startsWith(x);
}

/** Validates and resolves; returns the first problem instead when there is one. */
export function resolveSecrets(
  declarations: readonly SecretDeclaration[],
  context: ResolveContext,
): { secrets: ResolvedSecret[] } | { problem: string } {
  const secrets: ResolvedSecret[] = [];
  const names = new Map<string, number>();
  const envOwners = new Map<string, string>();
  const mounts: { path: string; field: string }[] = [];
  for (const [i, declaration] of declarations.entries()) {
    const result = resolveOne(declaration, `secrets[${i}]`, context);
    if ('problem' in result) return result;
    const secret = result.secret;
    if (names.has(secret.name)) return { problem: `secrets[${i}].name '${secret.name}' is declared twice.` };
    names.set(secret.name, i);
    for (const variable of Object.keys(secret.env)) {
      if (variable in context.env)
        return {
          problem: `secrets[${i}].env.${variable} is already set in env; each variable has one source.`,
        };
      const owner = envOwners.get(variable);
      if (owner) return { problem: `secrets[${i}].env.${variable} is already set by ${owner}.` };
      envOwners.set(variable, `secrets[${i}]`);
    }
    if (secret.mountPath !== undefined) {
      const field = `secrets[${i}].mountPath`;
      const other = mounts.find((m) => overlaps(m.path, secret.mountPath!));
      if (other)
        return {
          problem: `${field} '${secret.mountPath}' overlaps ${other.field} '${other.path}'; give each secret its own directory.`,
        };
      mounts.push({ path: secret.mountPath, field });
    }
    secrets.push(secret);
  }
  return { secrets };
}

function resolveOne(
  d: SecretDeclaration,
  field: string,
  context: ResolveContext,
): { secret: ResolvedSecret } | { problem: string } {
  const fail = (problem: string) => ({ problem });
  const nameProblem = dns1123LabelProblem(`${field}.name`, d.name);
  if (nameProblem) return fail(nameProblem);
  if (d.name.length > 40)
    return fail(
      `${field}.name '${d.name}' is longer than 40 characters; object and annotation names derive from it.`,
    );

  const backendName = d.backend ?? SecretBackend.EXTERNAL_SECRETS;
  if (!BACKENDS.includes(backendName))
    return fail(
      `${field}.backend '${backendName}' is not a secret backend; use ${BACKENDS.map((b) => `'${b}'`).join(', ')}.`,
    );
  const backend = backendName as SecretBackend;

  let source: SecretSource;
  if (d.database !== undefined) {
    if (d.path !== undefined || d.mount !== undefined)
      return fail(
        `${field} declares both a kv secret ('path'/'mount') and 'database': a secret reads one or the other.`,
      );
    if (backend === SecretBackend.EXTERNAL_SECRETS)
      return fail(
        `${field}.database is not supported by backend '${backend}': External Secrets neither renews nor revokes leases. Use 'vaultSecretsOperator' or 'agentInjector'.`,
      );
    if (d.version !== undefined)
      return fail(`${field}.version applies to kv secrets only, not to database credentials.`);
    if (d.refreshInterval !== undefined)
      return fail(
        `${field}.refreshInterval does not apply to database credentials: the lease TTL drives renewal (see database.renewalPercent).`,
      );
    const db = d.database;
    const mount = db.mount ?? VAULT_DEFAULTS.databaseMount;
    if (!MOUNT_PATTERN.test(mount))
      return fail(`${field}.database.mount '${mount}' is not a Vault mount path (e.g. 'database').`);
    if (!ROLE.test(db.role))
      return fail(
        `${field}.database.role '${db.role}' is not a Vault role name (letters, digits, '.', '_' or '-').`,
      );
    const renewalPercent = db.renewalPercent ?? VAULT_DEFAULTS.renewalPercent;
    if (!Number.isInteger(renewalPercent) || renewalPercent < 0 || renewalPercent > 90)
      return fail(`${field}.database.renewalPercent ${renewalPercent} must be a whole number from 0 to 90.`);
    if (
      backend === SecretBackend.AGENT_INJECTOR &&
      (db.renewalPercent !== undefined || db.revoke !== undefined)
    )
      return fail(
        `${field}.database.renewalPercent and revoke are Vault Secrets Operator settings; the Vault Agent renews its leases itself.`,
      );
    source = { type: 'database', mount, role: db.role, renewalPercent, revoke: db.revoke ?? true };
  } else {
    const mount = d.mount ?? context.vault.kvMount;
    if (!MOUNT_PATTERN.test(mount))
      return fail(`${field}.mount '${mount}' is not a Vault mount path (e.g. 'kv').`);
    const path = d.path;
    if (path === undefined || path === '')
      return fail(
        `${field}.path is required for a kv secret (or declare 'database' for dynamic database credentials).`,
      );
    if (path.startsWith('/'))
      return fail(
        `${field}.path '${path}' must be relative to the kv mount: drop the leading '/' ('${path.replace(/^\/+/, '')}').`,
      );
    if (path === mount || path.startsWith(`${mount}/`))
      return fail(
        `${field}.path '${path}' starts with the mount '${mount}': give the path without it ('${path.slice(mount.length + 1)}'); Bulwark reads '${mount}/data/<path>'.`,
      );
    const apiSegment = /^(data|metadata)(\/|$)/.exec(path);
    if (apiSegment)
      return fail(
        `${field}.path '${path}' starts with kv-v2's API segment '${apiSegment[1]}/': give the path without it ('${path.slice(apiSegment[0].length)}'); Bulwark reads '${mount}/data/<path>'.`,
      );
    if (!KV_PATH.test(path))
      return fail(
        `${field}.path '${path}' must be segments of letters, digits, '.', '_' or '-' joined by single '/' (no globs, no '..', no trailing '/').`,
      );
    if (d.version !== undefined && (!Number.isInteger(d.version) || d.version < 1))
      return fail(`${field}.version ${d.version} must be a whole number >= 1 (a kv-v2 version).`);
    source = { type: 'kv', mount, path, version: d.version };
  }

  const keys = d.keys ?? (source.type === 'database' ? VAULT_DEFAULTS.databaseKeys : []);
  if (keys.length === 0)
    return fail(`${field}.keys is empty: name the keys the app reads (e.g. ['password']).`);
  const seenKeys = new Set<string>();
  for (const [k, key] of keys.entries()) {
    if (!SECRET_KEY.test(key) || key.length > 63)
      return fail(
        `${field}.keys[${k}] '${key}' is not a valid key (letters, digits, '-', '_' or '.', at most 63 characters).`,
      );
    if (key === '.' || key === '..') return fail(`${field}.keys[${k}] '${key}' cannot be a file name.`);
    if (seenKeys.has(key)) return fail(`${field}.keys[${k}] '${key}' is declared twice.`);
    seenKeys.add(key);
  }

  const env = { ...(d.env ?? {}) };
  const fileOnly = d.fileOnly ?? false;
  if (Object.keys(env).length > 0) {
    if (fileOnly)
      return fail(
        `${field}.env is not allowed: the secret is marked fileOnly, so it may only be mounted as files (see ${field}.mountPath).`,
      );
    if (backend === SecretBackend.AGENT_INJECTOR)
      return fail(
        `${field}.env is not supported by backend '${backend}': the Vault Agent renders files only; read the files at ${field}.mountPath.`,
      );
    for (const [variable, key] of Object.entries(env)) {
      if (!ENV_NAME.test(variable))
        return fail(
          `${field}.env '${variable}' is not a valid environment variable name (letters, digits and '_', not starting with a digit).`,
        );
      if (!seenKeys.has(key))
        return fail(
          `${field}.env.${variable} names key '${key}', which is not among keys (${keys.join(', ')}).`,
        );
    }
  }

  let mountPath: string | undefined;
  if (d.mountPath !== undefined || Object.keys(env).length === 0) {
    mountPath = d.mountPath ?? `${VAULT_DEFAULTS.mountRoot}/${d.name}`;
    const pathProblem = absolutePathProblem(`${field}.mountPath`, mountPath);
    if (pathProblem) return fail(pathProblem);
    if (mountPath.endsWith('/')) return fail(`${field}.mountPath '${mountPath}' must not end with '/'.`);
    const reserved = RESERVED_MOUNTS.find((r) => overlaps(r, mountPath!));
    if (reserved)
      return fail(
        `${field}.mountPath '${mountPath}' overlaps '${reserved}', which the platform mounts; choose another directory.`,
      );
    const writable = context.writablePaths.find((w) => overlaps(w, mountPath!));
    if (writable !== undefined)
      return fail(
        `${field}.mountPath '${mountPath}' overlaps writablePaths '${writable}'; mount the secret at its own read-only directory (e.g. '${VAULT_DEFAULTS.mountRoot}/${d.name}').`,
      );
    if (context.storageMountPath !== undefined && overlaps(context.storageMountPath, mountPath))
      return fail(
        `${field}.mountPath '${mountPath}' overlaps storage.mountPath '${context.storageMountPath}'; secrets never go to persistent storage.`,
      );
  }

  let refreshInterval: string | undefined;
  if (source.type === 'kv') {
    refreshInterval = d.refreshInterval ?? context.vault.refreshInterval;
    const intervalField =
      d.refreshInterval !== undefined
        ? `${field}.refreshInterval`
        : `${field}.refreshInterval (the environment default)`;
    const problem = refreshIntervalProblem(intervalField, refreshInterval, backend);
    if (problem) return fail(problem);
  }
  if (d.rotation !== undefined && (d.rotation.trim() === '' || d.rotation.length > 253))
    return fail(
      `${field}.rotation must be a non-empty string of at most 253 characters (e.g. '2026-08-01').`,
    );

  const vaultPath =
    source.type === 'kv' ? `${source.mount}/data/${source.path}` : `${source.mount}/creds/${source.role}`;
  return {
    secret: {
      name: d.name,
      backend,
      source,
      keys: [...keys],
      mountPath,
      env,
      fileOnly,
      refreshInterval,
      rotation: d.rotation,
      secretName: `${context.appName}-${d.name}`,
      vaultPath,
    },
  };
}

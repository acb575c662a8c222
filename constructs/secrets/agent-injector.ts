/**
 * The Vault Agent Injector's pod annotations. The injector's webhook adds a `vault-agent-init`
 * init container (and, for long-running pods, a `vault-agent` sidecar) that logs in as the app's
 * ServiceAccount and renders each key into an in-memory volume. Bulwark:
 * - gives the agent a projected token with audience `vault` and a short expiry, named by
 *   `agent-service-account-token-volume-name`, so the pod keeps `automountServiceAccountToken: false`
 *   (without it the injector looks for the API token mount and fails on hardened pods);
 * - runs the agent as the app's UID/GID, so the rendered files (mode 0400) are readable by the app
 *   only; the injector's own securityContext (non-root, read-only root, drop ALL, no escalation)
 *   plus the pod-level `seccompProfile: RuntimeDefault` makes the injected containers PSS restricted;
 * - sizes the agent (requests and limits, ephemeral storage too) so the namespace quota admits it;
 * - uses `agent-pre-populate-only` for Jobs and CronJobs: a sidecar would keep the Job from finishing.
 */
import { appRoleName } from './names';
import type { ResolvedSecret } from './resolve';
import { VAULT_DEFAULTS, type ResolvedVaultSettings } from './vault-settings';

const PREFIX = 'vault.hashicorp.com/';
/** Annotation names are at most 63 characters after the prefix; the longest per-secret one is this. */
const LONGEST_PER_SECRET = 'agent-inject-template-';
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** What the annotations depend on besides the secrets. */
export interface AgentPod {
  readonly namespace: string;
  readonly app: string;
  readonly runAsUser: number;
  readonly runAsGroup: number;
  /** Jobs and CronJobs: render once in the init container, no sidecar (and so no rotation). */
  readonly prePopulateOnly: boolean;
}

/** The injection id of one key of one secret: also the annotation suffix. */
export function injectionId(secret: ResolvedSecret, key: string): string {
  return `${secret.name}.${key}`;
}

/** A problem with the annotation names a secret would need, or undefined. */
export function injectionNameProblem(field: string, secret: ResolvedSecret): string | undefined {
  for (const [k, key] of secret.keys.entries()) {
    const id = injectionId(secret, key);
    if (LONGEST_PER_SECRET.length + id.length > 63 || !QUALIFIED_NAME.test(id))
      return `${field}.keys[${k}] '${key}' makes the annotation '${PREFIX}${LONGEST_PER_SECRET}${id}' invalid (at most 63 characters after the prefix, starting and ending with a letter or digit); shorten the secret name or key.`;
  }
  return undefined;
}

/** The consul-template that renders one key: nothing but the value, failing on a missing key. */
function template(secret: ResolvedSecret, key: string): string {
  const source = secret.source;
  const path =
    source.type === 'kv' && source.version !== undefined
      ? `${secret.vaultPath}?version=${source.version}`
      : secret.vaultPath;
  // kv-v2 nests the values under .Data.data; a database engine returns them under .Data.
  const data = source.type === 'kv' ? '.Data.data' : '.Data';
  return `{{- with secret ${JSON.stringify(path)} -}}{{ index ${data} ${JSON.stringify(key)} }}{{- end -}}`;
}

/** Every annotation of the pod template. */
export function agentInjectorAnnotations(
  pod: AgentPod,
  secrets: readonly ResolvedSecret[],
  vault: ResolvedVaultSettings,
): Record<string, string> {
  const r = VAULT_DEFAULTS.agentResources;
  const a: Record<string, string> = {
    'agent-inject': 'true',
    'agent-limits-cpu': r.limitsCpu,
    'agent-limits-ephemeral': r.limitsEphemeral,
    'agent-limits-mem': r.limitsMem,
    'agent-requests-cpu': r.requestsCpu,
    'agent-requests-ephemeral': r.requestsEphemeral,
    'agent-requests-mem': r.requestsMem,
    'agent-run-as-group': String(pod.runAsGroup),
    'agent-run-as-user': String(pod.runAsUser),
    'agent-service-account-token-volume-name': VAULT_DEFAULTS.agentTokenVolume,
    'agent-set-security-context': 'true',
    'auth-path': `auth/${vault.kubernetesAuthMount}`,
    role: appRoleName(pod.namespace, pod.app),
    service: vault.address,
  };
  if (pod.prePopulateOnly) a['agent-pre-populate-only'] = 'true';
  const intervals = secrets.map((s) => s.refreshInterval).filter((i): i is string => i !== undefined);
  // One render interval per agent: the shortest declared one, so no secret is refreshed later than asked.
  if (!pod.prePopulateOnly && intervals.length > 0)
    a['template-static-secret-render-interval'] = [...intervals].sort((x, y) => seconds(x) - seconds(y))[0];
  for (const secret of secrets) {
    for (const key of secret.keys) {
      const id = injectionId(secret, key);
      a[`agent-inject-secret-${id}`] = secret.vaultPath;
      a[`agent-inject-template-${id}`] = template(secret, key);
      a[`agent-inject-file-${id}`] = key;
      a[`agent-inject-perms-${id}`] = '0400';
      a[`error-on-missing-key-${id}`] = 'true';
      a[`secret-volume-path-${id}`] = secret.mountPath!;
    }
  }
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [`${PREFIX}${k}`, v]));
}

/**
 * The projected ServiceAccount token the agent logs in with: audience `vault`, short-lived. No app
 * container mounts it: the injector mounts it into its own containers only.
 */
export function agentTokenVolume(): Record<string, unknown> {
  return {
    name: VAULT_DEFAULTS.agentTokenVolume,
    projected: {
      sources: [
        {
          serviceAccountToken: {
            audience: VAULT_DEFAULTS.audience,
            expirationSeconds: VAULT_DEFAULTS.serviceAccountTokenSeconds,
            path: 'token',
          },
        },
      ],
    },
  };
}

/** Seconds of a single-unit duration (`90m`), as validated for this backend. */
function seconds(duration: string): number {
  const unit = duration.slice(-1);
  return Number(duration.slice(0, -1)) * (unit === 'h' ? 3600 : unit === 'm' ? 60 : 1);
}

/**
 * Simulates the Vault Agent Injector's mutating webhook on a workload, as hashicorp/vault-k8s does
 * it (agent-inject/agent: container_init_sidecar.go, container_sidecar.go, container_volume.go):
 * a `vault-agent-init` init container, a `vault-agent` sidecar unless `agent-pre-populate-only`,
 * in-memory volumes for the rendered secrets and the agents' home directories, the secrets mounted
 * into the app containers at each `secret-volume-path`, and the token volume named by
 * `agent-service-account-token-volume-name` mounted into the agents. The securityContext is the one
 * the injector sets (`agent-set-security-context: true`): no seccompProfile, which the pod level
 * must supply.
 */
import { podTargetOf } from '../../../../policies/k8s';
import type { K8sObject } from '../../../../policies/types';

const A = 'vault.hashicorp.com/';
const TOKEN_MOUNT = '/var/run/secrets/vault.hashicorp.com/serviceaccount';

/** A deep copy of `workload` with the injection applied (throws when the pod is not annotated for it). */
export function injectVaultAgent(workload: K8sObject): K8sObject {
  const copy = JSON.parse(JSON.stringify(workload)) as K8sObject;
  const pod = podTargetOf(copy);
  const annotations = pod?.metadata.annotations ?? {};
  if (!pod || annotations[`${A}agent-inject`] !== 'true') throw new Error('not annotated for injection');
  const get = (name: string, fallback: string) => annotations[`${A}${name}`] ?? fallback;

  const uid = Number(get('agent-run-as-user', '100'));
  const gid = Number(get('agent-run-as-group', '1000'));
  const securityContext =
    get('agent-set-security-context', 'true') === 'true'
      ? {
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
          readOnlyRootFilesystem: true,
          runAsGroup: gid,
          runAsNonRoot: uid !== 0 && gid !== 0,
          runAsUser: uid,
        }
      : undefined;
  const resources = {
    limits: {
      cpu: get('agent-limits-cpu', '500m'),
      memory: get('agent-limits-mem', '128Mi'),
      'ephemeral-storage': get('agent-limits-ephemeral', ''),
    },
    requests: {
      cpu: get('agent-requests-cpu', '250m'),
      memory: get('agent-requests-mem', '64Mi'),
      'ephemeral-storage': get('agent-requests-ephemeral', ''),
    },
  };
  for (const r of [resources.limits, resources.requests])
    if (r['ephemeral-storage'] === '') delete (r as Record<string, string>)['ephemeral-storage'];

  const secretPaths = [
    ...new Set(
      Object.keys(annotations)
        .filter((k) => k.startsWith(`${A}agent-inject-secret-`))
        .map((k) => k.slice(`${A}agent-inject-secret-`.length))
        .map((id) => get(`secret-volume-path-${id}`, get('secret-volume-path', '/vault/secrets'))),
    ),
  ].sort();
  const tokenVolume = get('agent-service-account-token-volume-name', '');
  const specVolumes = (pod.spec.volumes as Record<string, unknown>[] | undefined) ?? [];
  if (tokenVolume === '' || !specVolumes.some((v) => v.name === tokenVolume))
    throw new Error('failed to find service account volume mount'); // what the injector reports
  const secretMounts = secretPaths.map((mountPath) => ({ mountPath, name: 'vault-secrets' }));
  const agent = (name: string, home: string) => ({
    name,
    image: 'hashicorp/vault:2.0.4',
    command: ['/bin/sh', '-ec'],
    args: [
      'echo ${VAULT_CONFIG?} | base64 -d > /home/vault/config.json && vault agent -config=/home/vault/config.json',
    ],
    resources,
    ...(securityContext ? { securityContext } : {}),
    volumeMounts: [
      { mountPath: '/home/vault', name: home },
      { mountPath: TOKEN_MOUNT, name: tokenVolume, readOnly: true },
      ...secretMounts,
    ],
  });

  const spec = pod.spec as Record<string, unknown>;
  const containers = spec.containers as Record<string, unknown>[];
  for (const c of containers) c.volumeMounts = [...((c.volumeMounts as unknown[]) ?? []), ...secretMounts];
  spec.initContainers = [
    ...((spec.initContainers as unknown[]) ?? []),
    agent('vault-agent-init', 'home-init'),
  ];
  const sidecar = get('agent-pre-populate-only', 'false') !== 'true';
  if (sidecar) containers.push(agent('vault-agent', 'home-sidecar'));
  spec.volumes = [
    ...specVolumes,
    { name: 'home-init', emptyDir: { medium: 'Memory' } },
    ...(sidecar ? [{ name: 'home-sidecar', emptyDir: { medium: 'Memory' } }] : []),
    { name: 'vault-secrets', emptyDir: { medium: 'Memory' } },
  ];
  return copy;
}

/**
 * Standalone Jobs set ttlSecondsAfterFinished, so the TTL controller deletes them (and their pods)
 * once they finish. Without it finished Jobs and pods pile up: their logs, environment and mounted
 * Secrets stay readable, and they count against the namespace quota. A CronJob's Jobs are cleaned
 * up by its history limits; Jobs with an owner are left to that owner, and hook Jobs that Helm or
 * Argo CD delete once they succeed (`helm.sh/hook-delete-policy: hook-succeeded`,
 * `argocd.argoproj.io/hook-delete-policy: HookSucceeded`) to the deployment tool.
 *
 * Fields: spec.ttlSecondsAfterFinished
 */
import { arr, obj } from '../../k8s';
import { defineRule } from '../../rule';

/** Hook annotations whose delete policy removes the Job once it succeeds. */
const DELETED_BY_TOOL: readonly (readonly [string, string])[] = [
  ['helm.sh/hook-delete-policy', 'hook-succeeded'],
  ['argocd.argoproj.io/hook-delete-policy', 'HookSucceeded'],
];

function deletedByDeploymentTool(annotations: Readonly<Record<string, string>> = {}): boolean {
  return DELETED_BY_TOOL.some(([key, policy]) =>
    String(annotations[key] ?? '')
      .split(',')
      .some((p) => p.trim() === policy),
  );
}

export const jobTtl = defineRule({
  id: 'workload.job-ttl',
  title: 'Jobs are deleted after they finish',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:AVL-011'],
  kinds: ['Job'],
  description:
    'Finished Jobs without a TTL stay forever with their pods, which keeps their logs and mounted data around and their objects counted against quotas.',
  remediation: 'Set `spec.ttlSecondsAfterFinished`, e.g. to 3600.',
  references: ['https://kubernetes.io/docs/concepts/workloads/controllers/ttlafterfinished/'],
  check(target) {
    if (arr(target.object.metadata?.ownerReferences).length > 0) return [];
    if (deletedByDeploymentTool(target.object.metadata?.annotations)) return [];
    if (typeof obj(target.object.spec).ttlSecondsAfterFinished === 'number') return [];
    return [
      {
        path: 'spec.ttlSecondsAfterFinished',
        message: `job "${target.object.metadata?.name ?? ''}" sets no ttlSecondsAfterFinished, so it and its pods stay after it finishes`,
      },
    ];
  },
});

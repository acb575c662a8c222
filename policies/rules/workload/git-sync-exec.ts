/**
 * No container sets git-sync's GITSYNC_GIT (Checkov CKV_K8S_159). git-sync executes whatever binary
 * that variable (or the older GIT_SYNC_GIT) names instead of git, so whoever can set the pod's
 * environment runs arbitrary code with the pod's identity and volumes (Akamai, DEF CON 32, 2024).
 * Upstream's answer is not to set it: the image's own git is the only one it should run.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].env[*].name
 * Not covered: the variable coming from a ConfigMap or Secret through `envFrom`, which needs the
 * referenced object's keys.
 */
import { arr, containersOf, obj, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

/** The variables git-sync v4 and v3 read for the git binary to run. */
export const GIT_SYNC_GIT_VARIABLES: readonly string[] = ['GITSYNC_GIT', 'GIT_SYNC_GIT'];

export const gitSyncExec = defineRule({
  id: 'workload.git-sync-exec',
  title: 'git-sync runs its own git binary',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:KNOWN-003'],
  kinds: POD_BEARING_KINDS,
  description:
    'git-sync executes the program GITSYNC_GIT names in place of git, so the variable turns a configuration change into arbitrary code execution in the pod.',
  remediation:
    'Remove the `GITSYNC_GIT` / `GIT_SYNC_GIT` environment variable and use the git shipped in the git-sync image.',
  references: [
    'https://github.com/kubernetes/git-sync#parameters',
    'https://www.akamai.com/blog/security-research/2024-august-kubernetes-gitsync-command-injection-defcon',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod)) {
      arr(c.container.env).forEach((raw, i) => {
        const name = str(obj(raw).name);
        if (name === undefined || !GIT_SYNC_GIT_VARIABLES.includes(name)) return;
        findings.push({
          path: `${c.path}.env[${i}].name`,
          message: `container "${c.name}" sets "${name}", so git-sync runs that program instead of git`,
        });
      });
    }
    return findings;
  },
});

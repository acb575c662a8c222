/**
 * Secrets reach containers as files, not environment variables. The environment leaks into crash
 * dumps, debug endpoints, child processes and `kubectl describe`-style tooling, and it cannot be
 * rotated without a restart.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].env[*].valueFrom.secretKeyRef,
 *         spec.{...}[*].envFrom[*].secretRef
 */
import { arr, containersOf, obj, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

export const secretEnvVar = defineRule({
  id: 'secrets.secret-env-var',
  title: 'Secrets are mounted as files, not environment variables',
  pack: 'secrets',
  severity: 'warning',
  frameworks: ['cis:5.4.1', 'nsa:secrets', 'kbp:SEC-001'],
  kinds: POD_BEARING_KINDS,
  description:
    'Environment variables leak through logs, crash reports and child processes, and a rotated value only arrives after a restart.',
  remediation: 'Mount the Secret as a volume (read-only) and have the app read the file.',
  references: [
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/#avoid-sharing-secret-manifests',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod)) {
      arr(c.container.env).forEach((raw, i) => {
        const env = obj(raw);
        const ref = obj(obj(env.valueFrom).secretKeyRef);
        if (Object.keys(ref).length === 0) return;
        findings.push({
          path: `${c.path}.env[${i}].valueFrom.secretKeyRef`,
          message: `container "${c.name}" reads key "${str(ref.key) ?? ''}" of secret "${str(ref.name) ?? ''}" into env "${str(env.name) ?? ''}"`,
        });
      });
      arr(c.container.envFrom).forEach((raw, i) => {
        const ref = obj(obj(raw).secretRef);
        if (Object.keys(ref).length === 0) return;
        findings.push({
          path: `${c.path}.envFrom[${i}].secretRef`,
          message: `container "${c.name}" loads every key of secret "${str(ref.name) ?? ''}" into its environment`,
        });
      });
    }
    return findings;
  },
});

/**
 * A PodDisruptionBudget allows at least one voluntary eviction. A budget that allows none blocks
 * node drains, so cluster upgrades and security patching stall on it.
 *
 * Fields: spec.minAvailable, spec.maxUnavailable, against the replicas of the workloads it selects.
 * Fails: neither field set; maxUnavailable 0 or "0%"; minAvailable "100%"; an integer minAvailable
 * at or above the replicas of a selected Deployment, StatefulSet or ReplicaSet in the input.
 */
import { namespaceOf, obj, selectorMatches } from '../../k8s';
import { replicasOf, workloadsIn } from '../../analysis/workloads';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

const REPLICATED = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

export const pdbPolicy = defineRule({
  id: 'workload.pdb-policy',
  title: 'PodDisruptionBudgets allow some disruption',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:AVL-006'],
  kinds: ['PodDisruptionBudget'],
  description:
    'A budget that permits no eviction blocks node drains, which stalls cluster upgrades and node security patching.',
  remediation: 'Set `maxUnavailable: 1` (or a `minAvailable` below the replica count).',
  references: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/'],
  check(target, context) {
    const spec = obj(target.object.spec);
    const { minAvailable, maxUnavailable } = spec;
    if (minAvailable === undefined && maxUnavailable === undefined) {
      return [{ path: 'spec', message: 'budget sets neither minAvailable nor maxUnavailable' }];
    }
    if (maxUnavailable === 0 || maxUnavailable === '0%') {
      return [
        {
          path: 'spec.maxUnavailable',
          message: `maxUnavailable ${String(maxUnavailable)} allows no eviction`,
        },
      ];
    }
    if (minAvailable === '100%')
      return [{ path: 'spec.minAvailable', message: 'minAvailable "100%" allows no eviction' }];
    if (typeof minAvailable !== 'number') return [];
    const findings: RuleFinding[] = [];
    for (const w of workloadsIn(context, namespaceOf(target.object))) {
      if (!REPLICATED.has(w.kind) || !selectorMatches(spec.selector, w.labels)) continue;
      const replicas = replicasOf(w.source);
      if (minAvailable >= replicas) {
        findings.push({
          path: 'spec.minAvailable',
          message: `minAvailable ${minAvailable} allows no eviction of ${w.kind.toLowerCase()} "${w.name}" with ${replicas} replicas`,
        });
      }
    }
    return findings;
  },
});

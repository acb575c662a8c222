/**
 * Controllers update pods by rolling update. `Recreate` takes every replica down at once, and
 * `OnDelete` leaves old (possibly vulnerable) pods running until someone deletes them.
 *
 * Fields: spec.strategy.type (Deployment), spec.updateStrategy.type (DaemonSet, StatefulSet)
 */
import { obj, str } from '../../k8s';
import { defineRule } from '../../rule';

export const rollingUpdateStrategy = defineRule({
  id: 'workload.rolling-update-strategy',
  title: 'Controllers use a rolling update strategy',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:AVL-009'],
  kinds: ['DaemonSet', 'Deployment', 'StatefulSet'],
  description:
    '`Recreate` causes downtime on every rollout; `OnDelete` keeps outdated pods, including unpatched ones, running indefinitely.',
  remediation: 'Use `RollingUpdate` (the default): remove the strategy type or set it explicitly.',
  references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#strategy'],
  check(target) {
    const field = target.object.kind === 'Deployment' ? 'strategy' : 'updateStrategy';
    const type = str(obj(obj(target.object.spec)[field]).type);
    if (type === undefined || type === 'RollingUpdate') return [];
    return [{ path: `spec.${field}.type`, message: `update strategy is "${type}", not "RollingUpdate"` }];
  },
});

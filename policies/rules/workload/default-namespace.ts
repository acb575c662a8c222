/**
 * Workloads live in a dedicated namespace. The `default` namespace has no quota, no default-deny
 * policy and no Pod Security labels of its own, and mixes unrelated apps under one boundary.
 *
 * Fields: metadata.namespace
 * Allowed: set, and not `default`. An unset namespace lands in `default` unless applied with one.
 */
import { POD_BEARING_KINDS } from '../../k8s';
import { defineRule } from '../../rule';

export const defaultNamespace = defineRule({
  id: 'workload.default-namespace',
  title: 'Workloads are not in the default namespace',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['cis:5.7.1', 'cis:5.7.4', 'nsa:namespaces', 'kbp:NS-001'],
  kinds: POD_BEARING_KINDS,
  description:
    'The default namespace is a shared space without the quota, network and admission boundaries of a dedicated namespace.',
  remediation: 'Set `metadata.namespace` to a dedicated namespace for the application.',
  references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/'],
  check(target) {
    const namespace = target.object.metadata?.namespace;
    if (namespace === undefined || namespace === '') {
      return [
        {
          path: 'metadata',
          message: 'object sets no namespace, so it lands in "default" unless applied with one',
        },
      ];
    }
    return namespace === 'default'
      ? [{ path: 'metadata.namespace', message: 'object is in the "default" namespace' }]
      : [];
  },
});

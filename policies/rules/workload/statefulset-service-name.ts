/**
 * A StatefulSet names its governing Service in spec.serviceName, and that Service is headless
 * (`clusterIP: None`) and selects the StatefulSet's pods. Only then does each replica get the stable
 * DNS name (`<pod>.<service>.<namespace>.svc`) that peers of a clustered app address it by.
 *
 * Fields: spec.serviceName
 * Judged: whether the named Service exists only when the input declares the namespace or holds
 * Services in it, so checking the StatefulSet alone reports only a missing serviceName.
 */
import { declaresNamespace } from '../../analysis/names';
import { stringMap } from '../../analysis/workloads';
import { namespaceOf, obj, podTargetOf, str } from '../../k8s';
import { defineRule, type RuleContext } from '../../rule';
import type { K8sObject } from '../../types';

/** Services of the input keyed `namespace/name`, and the namespaces that hold any. */
function servicesOf(context: RuleContext) {
  return context.memo('workload.statefulsetServiceName.services', () => {
    const byName = new Map<string, K8sObject>();
    const namespaces = new Set<string>();
    for (const { object } of context.ofKind('Service')) {
      const namespace = namespaceOf(object);
      byName.set(`${namespace}/${object.metadata?.name ?? ''}`, object);
      namespaces.add(namespace);
    }
    return { byName, namespaces };
  });
}

export const statefulsetServiceName = defineRule({
  id: 'workload.statefulset-service-name',
  title: 'StatefulSets name a headless Service that selects their pods',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:AVL-012'],
  kinds: ['StatefulSet'],
  description:
    'The pods of a StatefulSet get stable DNS names only through a headless governing Service that selects them; without it members of a clustered app cannot find each other.',
  remediation:
    'Set `spec.serviceName` to a Service in the same namespace with `clusterIP: None` whose selector matches the pod template labels.',
  references: ['https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id'],
  check(target, context) {
    const name = target.object.metadata?.name ?? '';
    const serviceName = str(obj(target.object.spec).serviceName) ?? '';
    if (serviceName === '') {
      return [{ path: 'spec.serviceName', message: `statefulset "${name}" names no governing Service` }];
    }
    const namespace = namespaceOf(target.object);
    const services = servicesOf(context);
    const service = services.byName.get(`${namespace}/${serviceName}`);
    if (service === undefined) {
      if (!declaresNamespace(context, namespace) && !services.namespaces.has(namespace)) return [];
      return [
        {
          path: 'spec.serviceName',
          message: `statefulset "${name}" names Service "${serviceName}", which is not in namespace "${namespace}"`,
        },
      ];
    }
    const spec = obj(service.spec);
    if (spec.clusterIP !== 'None') {
      return [
        {
          path: 'spec.serviceName',
          message: `statefulset "${name}" names Service "${serviceName}", which is not headless (clusterIP: None)`,
        },
      ];
    }
    const selector = stringMap(spec.selector);
    const labels = stringMap(podTargetOf(target.object)?.metadata.labels);
    const entries = Object.entries(selector);
    if (entries.length > 0 && entries.every(([k, v]) => labels[k] === v)) return [];
    return [
      {
        path: 'spec.serviceName',
        message: `statefulset "${name}" names Service "${serviceName}", which does not select its pods`,
      },
    ];
  },
});

/**
 * An Ingress routes to Services that exist. A dangling backend returns errors, and whoever later
 * creates a Service of that name in the namespace receives the traffic. Only judged when the input
 * holds Services in the Ingress's namespace.
 *
 * Fields: spec.defaultBackend.service.name, spec.rules[*].http.paths[*].backend.service.name
 */
import { arr, namespaceOf, obj, str } from '../../k8s';
import { exists, namesByNamespace } from '../../analysis/names';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

export const ingressBackendMissing = defineRule({
  id: 'network.ingress-backend-missing',
  title: 'Ingress backends are existing Services',
  pack: 'network',
  severity: 'info',
  frameworks: ['kbp:NET-012'],
  kinds: ['Ingress'],
  description:
    'A backend Service that does not exist serves errors, and traffic goes to whichever Service later takes its name.',
  remediation: 'Point the backend at the Service of the intended workload, or remove the path.',
  references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource'],
  check(target, context) {
    const namespace = namespaceOf(target.object);
    if (!namesByNamespace(context, 'Service').has(namespace)) return [];
    const spec = obj(target.object.spec);
    const backends: [string, unknown][] = [['spec.defaultBackend', spec.defaultBackend]];
    arr(spec.rules).forEach((rule, i) => {
      arr(obj(obj(rule).http).paths).forEach((path, j) => {
        backends.push([`spec.rules[${i}].http.paths[${j}].backend`, obj(path).backend]);
      });
    });
    const findings: RuleFinding[] = [];
    for (const [path, backend] of backends) {
      const name = str(obj(obj(backend).service).name);
      if (name === undefined || exists(context, 'Service', namespace, name)) continue;
      findings.push({
        path: `${path}.service.name`,
        message: `backend service "${name}" is not in namespace "${namespace}" of the input`,
      });
    }
    return findings;
  },
});

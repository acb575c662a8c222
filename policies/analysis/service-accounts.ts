/**
 * Which ServiceAccount a pod runs as, and whether its token is mounted, resolved against the
 * ServiceAccount objects of the input the way the API server's admission plugin would.
 */
import { namespaceOf, str, type PodTarget } from '../k8s';
import type { RuleContext } from '../rule';
import type { K8sObject } from '../types';

/** The ServiceAccount a pod runs as: `serviceAccountName`, the deprecated `serviceAccount`, else `default`. */
export function serviceAccountNameOf(pod: PodTarget): string {
  return str(pod.spec.serviceAccountName) || str(pod.spec.serviceAccount) || 'default';
}

/** ServiceAccount objects of the input keyed `namespace/name`. */
function serviceAccounts(context: RuleContext): ReadonlyMap<string, K8sObject> {
  return context.memo('analysis.serviceAccounts', () => {
    const out = new Map<string, K8sObject>();
    for (const { object } of context.ofKind('ServiceAccount')) {
      out.set(`${namespaceOf(object)}/${object.metadata?.name ?? ''}`, object);
    }
    return out;
  });
}

/**
 * Whether the token is mounted: the pod's `automountServiceAccountToken` wins; else its
 * ServiceAccount's, when that object is in the input; else true (the API default).
 */
export function tokenMounted(context: RuleContext, namespace: string, pod: PodTarget): boolean {
  const own = pod.spec.automountServiceAccountToken;
  if (typeof own === 'boolean') return own;
  const account = serviceAccounts(context).get(`${namespace}/${serviceAccountNameOf(pod)}`);
  const inherited = account?.automountServiceAccountToken;
  return typeof inherited === 'boolean' ? inherited : true;
}

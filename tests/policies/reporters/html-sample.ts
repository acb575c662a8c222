/**
 * A report worth looking at, for the HTML report tests: the dev blueprint plus a sloppy `legacy`
 * namespace (no NetworkPolicy, so unexpected flows; a ClusterRoleBinding handing its worker
 * Secrets; a suppression with its reason; a name carrying markup, which must come out escaped).
 */
import { ENVIRONMENTS } from '../../../environments';
import { synthesizeEnvironment } from '../../../environments/synthesize';
import { evaluate } from '../../../policies/engine';
import { renderHtmlReport } from '../../../policies/reporters/html';
import { ALL_RULES } from '../../../policies/rules';
import type { K8sObject, Report } from '../../../policies/types';

export const SUPPRESSION_REASON = 'legacy images are rebuilt nightly from a pinned base';
export const HOSTILE_NAME = 'x"><script>alert(1)</script>';

const deployment = (name: string, annotations: Record<string, string> = {}): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'legacy', annotations },
  spec: {
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { serviceAccountName: 'worker', containers: [{ name: 'app', image: 'legacy/app:1.0' }] },
    },
  },
});

export function sampleObjects(): K8sObject[] {
  const { objects } = synthesizeEnvironment(ENVIRONMENTS.dev);
  return [
    ...objects,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'legacy' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'worker', namespace: 'legacy' } },
    deployment('api', { 'bulwark.dev/suppress': `workload.image-digest: ${SUPPRESSION_REASON}` }),
    deployment(HOSTILE_NAME),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'secret-reader' },
      rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'worker-secrets' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'secret-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'worker', namespace: 'legacy' }],
    },
  ];
}

export function sampleReport(objects: readonly K8sObject[]): Report {
  const sources = objects.map((object, i) => ({ object, file: `sample.yaml#${i}`, line: 1 }));
  return evaluate(sources, { rules: ALL_RULES });
}

export async function sampleHtml(): Promise<string> {
  const objects = sampleObjects();
  return renderHtmlReport(sampleReport(objects), { version: '0.0.0-test', title: 'Sample report', objects });
}

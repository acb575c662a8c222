/**
 * The Kubernetes dashboard is not deployed (Checkov CKV_K8S_33, kubescape C-0014). It is a web
 * front end to the API whose service account is often bound far too broadly; exposed dashboards
 * have been a classic way into clusters (the 2018 Tesla cryptomining incident).
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].image, metadata.labels and the pod
 * template's labels
 * Flagged: an image with a path component containing `kubernetes-dashboard` or equal to
 * `kubernetesui` (policies/analysis/images.ts), or the label `k8s-app` or `app` set to
 * `kubernetes-dashboard` (the upstream manifests' and Checkov's markers).
 */
import { DASHBOARD_IMAGE_PATTERN } from '../../analysis/images';
import { containersOf, obj, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { defineRule } from '../../rule';
import type { ObjectMeta, RuleFinding } from '../../types';

const DASHBOARD_IMAGE = new RegExp(DASHBOARD_IMAGE_PATTERN);
/** Label keys the dashboard's own manifests (and Checkov) mark it with. */
export const DASHBOARD_LABEL_KEYS: readonly string[] = ['k8s-app', 'app'];
export const DASHBOARD_LABEL_VALUE = 'kubernetes-dashboard';

export const kubernetesDashboard = defineRule({
  id: 'workload.kubernetes-dashboard',
  title: 'The Kubernetes dashboard is not deployed',
  pack: 'workload',
  severity: 'warning',
  frameworks: ['kbp:KNOWN-001'],
  kinds: POD_BEARING_KINDS,
  description:
    'The dashboard is a web front end to the API server; an exposed or over-privileged dashboard hands the cluster to whoever reaches it.',
  remediation:
    'Remove the dashboard and use kubectl or a read-only tool with per-user authentication; if you must keep it, run it with a read-only service account behind an authenticating proxy.',
  references: [
    'https://kubernetes.io/docs/tasks/access-application-cluster/web-ui-dashboard/',
    'https://github.com/kubernetes/dashboard/blob/master/docs/user/access-control/README.md',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const findings: RuleFinding[] = [];
    const metadata: [string, ObjectMeta | undefined][] = [['metadata', target.object.metadata]];
    if (pod.metadataPath !== 'metadata') metadata.push([pod.metadataPath, pod.metadata]);
    for (const [path, meta] of metadata) {
      for (const key of DASHBOARD_LABEL_KEYS) {
        if (obj(meta?.labels)[key] !== DASHBOARD_LABEL_VALUE) continue;
        findings.push({
          path: `${path}.labels.${key}`,
          message: `${path === 'metadata' ? 'object' : 'pod template'} is labelled ${key}="${DASHBOARD_LABEL_VALUE}"`,
        });
      }
    }
    for (const c of containersOf(pod)) {
      const image = str(c.container.image);
      if (image === undefined || !DASHBOARD_IMAGE.test(image)) continue;
      findings.push({
        path: `${c.path}.image`,
        message: `container "${c.name}" runs the dashboard image "${image}"`,
      });
    }
    return findings;
  },
});

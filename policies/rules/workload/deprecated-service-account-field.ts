/**
 * Pods name their ServiceAccount with `serviceAccountName`, not the deprecated `serviceAccount`
 * alias (kube-linter deprecated-service-account-field, kubescape C-0294).
 *
 * Fields: spec.serviceAccount, spec.serviceAccountName
 * Flagged: `serviceAccount` set (non-empty) while `serviceAccountName` is unset, empty or different.
 * Not flagged: both set to the same name. The API server fills `serviceAccount` from
 * `serviceAccountName` on every read, so manifests exported from a cluster (`kubectl get -o yaml`)
 * carry the pair; that is the server's doing, not a use of the alias, and changes nothing. When the
 * two differ, `serviceAccountName` wins and the alias misleads the reader; when only the alias is
 * set, the manifest relies on a field slated for removal. kube-linter flags any non-empty alias;
 * this rule does not, to stay quiet on exported manifests.
 */
import { podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { defineRule } from '../../rule';

export const deprecatedServiceAccountField = defineRule({
  id: 'workload.deprecated-service-account-field',
  title: 'Pods use serviceAccountName, not the deprecated serviceAccount',
  pack: 'workload',
  severity: 'info',
  frameworks: ['kbp:SA-005'],
  kinds: POD_BEARING_KINDS,
  description:
    '`serviceAccount` is a deprecated alias of `serviceAccountName`; when the two disagree the alias is ignored, so a reader can be misled about which identity the pod runs as.',
  remediation: 'Set `serviceAccountName` and remove `serviceAccount`.',
  references: [
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security',
    'https://docs.kubelinter.io/#/generated/checks?id=deprecated-service-account-field',
  ],
  check(target) {
    const pod = podTargetOf(target.object);
    const alias = pod ? str(pod.spec.serviceAccount) : undefined;
    if (!pod || !alias) return [];
    const name = str(pod.spec.serviceAccountName);
    if (name === alias) return [];
    return [
      {
        path: `${pod.specPath}.serviceAccount`,
        message: name
          ? `pod sets the deprecated serviceAccount "${alias}", which serviceAccountName "${name}" overrides`
          : `pod names its service account "${alias}" with the deprecated serviceAccount field`,
      },
    ];
  },
});

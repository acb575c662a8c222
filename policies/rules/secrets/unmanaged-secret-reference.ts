/**
 * Every Secret a pod references is produced in its namespace by the reviewed input: an
 * ExternalSecret (`external-secrets.io`, Secret name = spec.target.name, else its own name), a
 * ClusterExternalSecret reaching the namespace, a VaultStaticSecret/VaultDynamicSecret/
 * VaultPKISecret (`secrets.hashicorp.com`, spec.destination.name), or a Secret object; or it is
 * declared external in the pod template annotation `bulwark.dev/external-secrets` (comma-separated
 * names). Anything else was created by hand, outside review and rotation.
 *
 * Fields: volumes (secret, projected), env secretKeyRef, envFrom secretRef, imagePullSecrets.
 */
import { namespaceOf, podTargetOf, POD_BEARING_KINDS } from '../../k8s';
import {
  declaredExternalSecrets,
  producedSecrets,
  secretReferencesOf,
} from '../../analysis/secret-references';
import { defineRule } from '../../rule';

export const unmanagedSecretReference = defineRule({
  id: 'secrets.unmanaged-secret-reference',
  title: 'Referenced Secrets are produced from Vault',
  pack: 'secrets',
  severity: 'error',
  frameworks: ['cis:5.4.2', 'nsa:secrets', 'kbp:SEC-004', 'kbp:SEC-005'],
  kinds: POD_BEARING_KINDS,
  description:
    'A Secret that no ExternalSecret or Vault resource produces was created by hand: unreviewed, unrotated, and missing when the namespace is rebuilt.',
  remediation:
    'Declare an ExternalSecret or Vault secret resource that produces the Secret, or list it in the pod annotation `bulwark.dev/external-secrets` if another reviewed system owns it.',
  references: [
    'https://external-secrets.io/latest/api/externalsecret/',
    'https://developer.hashicorp.com/vault/docs/platform/k8s/vso',
  ],
  check(target, context) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const namespace = namespaceOf(target.object);
    const produced = producedSecrets(context).get(namespace);
    const declared = declaredExternalSecrets(pod);
    return secretReferencesOf(pod)
      .filter((ref) => !produced?.has(ref.name) && !declared.has(ref.name))
      .map((ref) => ({
        path: ref.path,
        message: `secret "${ref.name}" used by ${ref.use} is not produced by an ExternalSecret, Vault secret or Secret in namespace "${namespace}"`,
      }));
  },
});

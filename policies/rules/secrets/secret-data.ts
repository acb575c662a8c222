/**
 * Secret objects carry no values. Bulwark delivers secrets from Vault (External Secrets Operator,
 * Vault Secrets Operator or the Vault Agent Injector); a value in a manifest is readable by
 * everyone with the repository, the CI logs or the Pulumi state, and is never rotated.
 *
 * Fields: data, stringData
 */
import { obj } from '../../k8s';
import { defineRule } from '../../rule';

export const secretData = defineRule({
  id: 'secrets.secret-data',
  title: 'Secrets carry no values in manifests',
  pack: 'secrets',
  severity: 'error',
  frameworks: ['cis:5.4.2', 'nsa:secrets', 'kbp:SEC-004'],
  kinds: ['Secret'],
  description:
    'Secret values in manifests are only base64-encoded: anyone with the repository, pipeline logs or deployment state can read them, and nothing rotates them.',
  remediation:
    'Store the value in Vault and declare an ExternalSecret (or VaultStaticSecret/VaultDynamicSecret) that produces this Secret.',
  references: [
    'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    'https://external-secrets.io/latest/provider/hashicorp-vault/',
  ],
  check(target) {
    const name = target.object.metadata?.name ?? '';
    return (['data', 'stringData'] as const).flatMap((field) => {
      const keys = Object.keys(obj(target.object[field]));
      if (keys.length === 0) return [];
      const list = keys.map((k) => `"${k}"`).join(', ');
      return [{ path: field, message: `secret "${name}" carries values in ${field} for keys ${list}` }];
    });
  },
});

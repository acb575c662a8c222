/**
 * Containers receive no credentials as literals. Flags an env var whose name says it is a
 * credential (password, secret, token, API/access/private key, credential) and whose value is a
 * literal, and any env value, command or argument shaped like a known credential (private key,
 * AWS access key id, JWT, GitHub/Slack/Google/Stripe token, URL or connection string with a
 * password). Settings about a secret (`TOKEN_URL`, `KEY_PATH=/etc/x`, `PASSWORD_FILE`), references
 * (`$(DB_PASSWORD)`), booleans and empty values pass.
 *
 * Fields: spec.{initContainers,containers,ephemeralContainers}[*].{env[*].value,command[*],args[*]}
 */
import { arr, containersOf, obj, podTargetOf, POD_BEARING_KINDS, str } from '../../k8s';
import { credentialShapeOf, isLiteralValue, isSensitiveName } from '../../analysis/credentials';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

export const envLiteralCredential = defineRule({
  id: 'secrets.env-literal-credential',
  title: 'Containers get no credentials as literal values',
  pack: 'secrets',
  severity: 'error',
  frameworks: ['nsa:secrets', 'kbp:SEC-002'],
  kinds: POD_BEARING_KINDS,
  description:
    'A credential written into a pod spec is visible to anyone who can read the manifest, the workload object or the process environment, and it is never rotated.',
  remediation:
    'Remove the literal and deliver the credential from Vault (a mounted Secret produced by an ExternalSecret, or the Vault Agent Injector).',
  references: ['https://kubernetes.io/docs/concepts/security/secrets-good-practices/'],
  check(target) {
    const pod = podTargetOf(target.object);
    if (!pod) return [];
    const findings: RuleFinding[] = [];
    for (const c of containersOf(pod)) {
      arr(c.container.env).forEach((raw, i) => {
        const env = obj(raw);
        const name = str(env.name) ?? '';
        const value = str(env.value);
        if (value === undefined) return;
        const path = `${c.path}.env[${i}].value`;
        const shape = credentialShapeOf(value);
        if (shape !== undefined) {
          findings.push({
            path,
            message: `container "${c.name}" env "${name}" holds a value shaped like ${shape}`,
          });
        } else if (isSensitiveName(name) && isLiteralValue(value)) {
          findings.push({
            path,
            message: `container "${c.name}" sets credential env "${name}" to a literal value`,
          });
        }
      });
      for (const field of ['command', 'args'] as const) {
        arr(c.container[field]).forEach((raw, i) => {
          const shape = typeof raw === 'string' ? credentialShapeOf(raw) : undefined;
          if (shape !== undefined) {
            findings.push({
              path: `${c.path}.${field}[${i}]`,
              message: `container "${c.name}" ${field}[${i}] holds a value shaped like ${shape}`,
            });
          }
        });
      }
    }
    return findings;
  },
});

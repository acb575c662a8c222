/**
 * ConfigMaps hold no credentials. Flags a key whose name says it is a credential with a literal
 * single-line value, a `name: value` or `name=value` line of an embedded config file whose name
 * says so (`spring.datasource.password=...`), and any value shaped like a known credential.
 * ConfigMaps are readable far more widely than Secrets and never encrypted at rest.
 *
 * Fields: data.<key>
 */
import { obj } from '../../k8s';
import { credentialShapeOf, isLiteralValue, isSensitiveName } from '../../analysis/credentials';
import { defineRule } from '../../rule';
import type { RuleFinding } from '../../types';

const ASSIGNMENT = /^\s*["']?([A-Za-z0-9_.-]+)["']?\s*[:=]\s*(.*?)\s*,?\s*$/;

/** The 1-based line and name of the first `name: literal` line with a sensitive name, if any. */
function sensitiveLine(text: string): { line: number; name: string } | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = ASSIGNMENT.exec(lines[i]);
    if (m && isSensitiveName(m[1].split('.').pop() ?? '') && isLiteralValue(m[2]))
      return { line: i + 1, name: m[1] };
  }
  return undefined;
}

export const configmapCredential = defineRule({
  id: 'secrets.configmap-credential',
  title: 'ConfigMaps hold no credentials',
  pack: 'secrets',
  severity: 'error',
  frameworks: ['nsa:secrets', 'kbp:SEC-003'],
  kinds: ['ConfigMap'],
  description:
    'ConfigMaps are readable by many roles and never encrypted at rest, so a credential in one is exposed to far more than its consumer.',
  remediation:
    'Move the credential to Vault and reference it from the config (an environment variable or file filled from a Vault-backed Secret).',
  references: ['https://kubernetes.io/docs/concepts/configuration/configmap/'],
  check(target) {
    const findings: RuleFinding[] = [];
    for (const [key, raw] of Object.entries(obj(target.object.data))) {
      if (typeof raw !== 'string') continue;
      const path = `data.${key}`;
      const shape = credentialShapeOf(raw);
      const line = raw.includes('\n') ? sensitiveLine(raw) : undefined;
      if (shape !== undefined) {
        findings.push({ path, message: `configmap key "${key}" holds a value shaped like ${shape}` });
      } else if (!raw.includes('\n') && isSensitiveName(key) && isLiteralValue(raw)) {
        findings.push({ path, message: `configmap key "${key}" holds a literal credential` });
      } else if (line !== undefined) {
        findings.push({
          path,
          message: `configmap key "${key}" line ${line.line} sets "${line.name}" to a literal value`,
        });
      }
    }
    return findings;
  },
});

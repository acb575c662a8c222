/**
 * The rule list of `bulwark rules`: what suppression annotations and `--only` may name.
 */
import type { RuleMeta } from '../types';

/** Formats `bulwark rules` can print. */
export type RuleListFormat = 'text' | 'json';

/** Lists rules as aligned text (`id  severity  title`) or as a JSON array of their metadata. */
export function renderRuleList(rules: readonly RuleMeta[], format: RuleListFormat): string {
  const sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (format === 'json') {
    const list = sorted.map((r) => ({
      id: r.id,
      title: r.title,
      pack: r.pack,
      severity: r.severity,
      frameworks: [...r.frameworks],
      kinds: [...r.kinds],
      description: r.description,
      remediation: r.remediation,
      references: [...(r.references ?? [])],
    }));
    return `${JSON.stringify(list, null, 2)}\n`;
  }
  const width = Math.max(0, ...sorted.map((r) => r.id.length));
  const lines = sorted.map(
    (r) => `${r.id.padEnd(width)}  ${r.severity.padEnd('warning'.length)}  ${r.title}`,
  );
  lines.push(`${sorted.length} rule${sorted.length === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

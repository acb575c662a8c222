/**
 * SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. Built with node-sarif-builder,
 * which types every property (via @types/sarif) and fills in artifacts and rule/artifact indexes.
 * Its JSON writer is not used: it refuses any text containing its placeholder marker, which a
 * finding message quoting a user's manifest could contain, so the log is serialised here.
 */
import { createHash } from 'crypto';
import { isAbsolute } from 'path';
import { pathToFileURL } from 'url';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import type { Location, Result, ReportingDescriptor } from 'sarif';
import type { Finding, Report, RuleMeta, Severity } from '../types';
import { objectLabel, type RenderOptions } from './common';

/** The canonical SARIF 2.1.0 schema location. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Readonly<Record<Severity, Result.level>> = { error: 'error', warning: 'warning', info: 'note' };

/** GitHub's CVSS-like scale: 7.0+ high, 4.0+ medium, below 4.0 low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: '7.5', warning: '5.0', info: '2.0' };

/** Renders the report as a SARIF 2.1.0 log with one run, two-space indented. */
export function renderSarif(report: Report, options: Pick<RenderOptions, 'version'>): string {
  const run = new SarifRunBuilder().initSimple({
    toolDriverName: 'bulwark',
    toolDriverVersion: options.version,
  });
  for (const rule of rulesOf(report)) run.addRule(new SarifRuleBuilder(ruleDescriptor(rule)));
  for (const finding of report.findings) run.addResult(new SarifResultBuilder(resultOf(finding)));
  const log = new SarifBuilder({ $schema: SARIF_SCHEMA_URI, version: '2.1.0' });
  log.addRun(run);
  return `${JSON.stringify(log.buildSarifOutput(), null, 2)}\n`;
}

/** The evaluated rules, plus any rule a finding names that the report does not list. */
function rulesOf(report: Report): RuleMeta[] {
  const rules = [...report.rules];
  const known = new Set(rules.map((r) => r.id));
  for (const f of report.findings) {
    if (known.has(f.ruleId)) continue;
    known.add(f.ruleId);
    rules.push({
      id: f.ruleId,
      title: f.ruleId,
      pack: 'workload',
      severity: f.severity,
      frameworks: f.frameworks,
      kinds: ['*'],
      description: f.message,
      remediation: f.remediation,
    });
  }
  return rules;
}

function ruleDescriptor(rule: RuleMeta): ReportingDescriptor {
  return {
    id: rule.id,
    name: pascalName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.description },
    help: { text: rule.remediation },
    ...(rule.references?.[0] ? { helpUri: rule.references[0] } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    // 'security' makes GitHub file results as security alerts, ranked by 'security-severity'.
    properties: {
      tags: ['security', rule.pack, ...rule.frameworks],
      'security-severity': SECURITY_SEVERITY[rule.severity],
    },
  };
}

/** `pss.restricted.runAsNonRoot` → `RunAsNonRoot`, `workload.image-digest` → `ImageDigest`. */
function pascalName(id: string): string {
  const last = id.slice(id.lastIndexOf('.') + 1);
  return last
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function resultOf(f: Finding): Result {
  const label = objectLabel(f.object);
  return {
    ruleId: f.ruleId,
    level: LEVEL[f.severity],
    message: { text: `${label}: ${f.message}` },
    locations: [locationOf(f, label)],
    // Stable across line moves, so code scanning tracks one alert per rule, object and field.
    partialFingerprints: { 'bulwarkFinding/v1': fingerprint(f) },
    ...(f.suppression
      ? { suppressions: [{ kind: 'inSource', status: 'accepted', justification: f.suppression.reason }] }
      : {}),
    properties: { path: f.path, frameworks: [...f.frameworks], object: { ...f.object } },
  };
}

function locationOf(f: Finding, label: string): Location {
  return {
    physicalLocation: {
      artifactLocation: { uri: uriOf(f.file) },
      ...(f.line > 0 ? { region: { startLine: f.line } } : {}),
    },
    logicalLocations: [
      { name: f.object.name || label, fullyQualifiedName: fullyQualifiedName(f), kind: 'object' },
    ],
  };
}

/** Relative paths stay relative (viewers resolve them against the repository); absolute ones become file URLs. */
function uriOf(file: string): string {
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function fullyQualifiedName(f: Finding): string {
  const o = f.object;
  return [o.apiVersion, o.kind, o.namespace, o.name].filter((part) => part !== '').join('/');
}

function fingerprint(f: Finding): string {
  return createHash('sha256')
    .update(JSON.stringify([f.ruleId, fullyQualifiedName(f), f.path, f.message]))
    .digest('hex')
    .slice(0, 32);
}

/**
 * JUnit XML for CI test tabs: one test suite per file, one test case per object. An object fails
 * when it has unsuppressed errors or warnings; info findings and suppressed findings (with their
 * reasons) are listed in the test case's system-out, so they stay visible.
 */
import type { Finding, ObjectRef, Report } from '../types';
import { count, locationOf, objectLabel, type RenderOptions } from './common';

interface Case {
  readonly ref: ObjectRef;
  readonly file: string;
  readonly line: number;
  readonly findings: Finding[];
}

/** Renders the report as JUnit XML. */
export function renderJunit(report: Report, options: Pick<RenderOptions, 'version'>): string {
  const suites = casesByFile(report);
  const files = [...suites.keys()].sort(compare);
  let tests = 0;
  let failures = 0;
  const body: string[] = [];
  for (const file of files) {
    const cases = suites.get(file) ?? [];
    const failed = cases.filter(isFailure).length;
    tests += cases.length;
    failures += failed;
    body.push(
      `  <testsuite name="${attr(file)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">`,
    );
    body.push(
      `    <properties><property name="bulwark.version" value="${attr(options.version)}"/></properties>`,
    );
    for (const c of cases) body.push(...testcase(c));
    body.push('  </testsuite>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="bulwark" tests="${tests}" failures="${failures}" errors="0" skipped="0">`,
    ...body,
    '</testsuites>',
    '',
  ].join('\n');
}

function testcase(c: Case): string[] {
  const open = `    <testcase classname="${attr(c.file)}" name="${attr(objectLabel(c.ref))}" file="${attr(c.file)}" line="${c.line}"`;
  const failing = c.findings.filter((f) => !f.suppressed && f.severity !== 'info');
  const other = c.findings.filter((f) => f.suppressed || f.severity === 'info');
  if (failing.length === 0 && other.length === 0) return [`${open}/>`];
  const out = [`${open}>`];
  if (failing.length > 0) {
    const errors = failing.filter((f) => f.severity === 'error').length;
    const warnings = failing.length - errors;
    const message = [errors > 0 ? count(errors, 'error') : '', warnings > 0 ? count(warnings, 'warning') : '']
      .filter(Boolean)
      .join(', ');
    const lines = failing.map((f) => `${describe(f)}\n  fix: ${f.remediation}`);
    out.push(
      `      <failure message="${attr(message)}" type="${errors > 0 ? 'error' : 'warning'}">${text(lines.join('\n'))}</failure>`,
    );
  }
  if (other.length > 0) {
    const lines = other.map((f) =>
      f.suppression ? `suppressed ${describe(f)} (reason: ${f.suppression.reason})` : describe(f),
    );
    out.push(`      <system-out>${text(lines.join('\n'))}</system-out>`);
  }
  out.push('    </testcase>');
  return out;
}

function describe(f: Finding): string {
  return `${f.severity} ${f.ruleId} at ${locationOf(f)}${f.path ? ` ${f.path}` : ''}: ${f.message}`;
}

function isFailure(c: Case): boolean {
  return c.findings.some((f) => !f.suppressed && f.severity !== 'info');
}

/**
 * Groups findings under their objects. A finding's line lies within its object's document, so
 * its object is the nearest one above it in the same file with the same reference.
 */
function casesByFile(report: Report): Map<string, Case[]> {
  const byFile = new Map<string, Case[]>();
  for (const o of report.objects) {
    const cases = byFile.get(o.file) ?? [];
    cases.push({ ref: o.ref, file: o.file, line: o.line, findings: [] });
    byFile.set(o.file, cases);
  }
  for (const cases of byFile.values()) cases.sort((a, b) => a.line - b.line);
  for (const f of report.findings) {
    const cases = byFile.get(f.file) ?? [];
    byFile.set(f.file, cases);
    let target: Case | undefined;
    for (let i = lastAtOrAbove(cases, f.line); i >= 0 && !target; i--)
      if (sameRef(cases[i].ref, f.object)) target = cases[i];
    target ??= cases.find((c) => sameRef(c.ref, f.object));
    if (!target) {
      target = { ref: f.object, file: f.file, line: f.line, findings: [] };
      cases.push(target);
    }
    target.findings.push(f);
  }
  return byFile;
}

/** Index of the last case starting at or above `line` (binary search), or -1. */
function lastAtOrAbove(cases: readonly Case[], line: number): number {
  let lo = 0;
  let hi = cases.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cases[mid].line <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function sameRef(a: ObjectRef, b: ObjectRef): boolean {
  return (
    a.apiVersion === b.apiVersion && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Characters XML 1.0 cannot carry even escaped become visible \uXXXX escapes.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function clean(s: string): string {
  return s.replace(NOT_XML, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Escapes element text. */
function text(s: string): string {
  return clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value; newlines and tabs as references, since parsers normalise them to spaces. */
function attr(s: string): string {
  return text(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

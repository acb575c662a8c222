/**
 * Parsed documents to SourceObjects: checks the envelope every rule relies on and expands lists.
 *
 * Decision: the envelope (apiVersion, kind, metadata and its name, generateName, namespace,
 * labels, annotations) must have the types the API server requires, or the input is refused
 * with an InputError at the offending field; the types in policies/types.ts can then be trusted.
 * Below the envelope (spec, data, ...) wrong types are the rules' business: they read through
 * the tolerant accessors in policies/k8s.ts, and a rule that still throws becomes a finding.
 */
import { InputError } from '../errors';
import { isObject, type Json } from '../k8s';
import type { K8sObject, SourceObject } from '../types';
import { childOf, lineOf, locate, type LineNode } from './lines';
import type { ParsedDocument } from './parse';

/** Turns the documents of one file into objects, expanding `kind: List` and `<Kind>List` objects. */
export function objectsOf(documents: readonly ParsedDocument[], file: string): SourceObject[] {
  const out: SourceObject[] = [];
  for (const doc of documents) expand(doc.value, doc.lines, file, out);
  return out;
}

function expand(value: unknown, lines: LineNode, file: string, out: SourceObject[]): void {
  const line = lineOf(lines);
  if (!isObject(value)) {
    throw new InputError(
      `expected a Kubernetes object (a mapping with apiVersion and kind), got ${describe(value)}`,
      file,
      line,
    );
  }
  const at = (path: string): number => locate(lines, path);
  checkEnvelope(value, file, at);
  const kind = value.kind as string;
  const items = value.items;
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(items))) {
    if (items === undefined || items === null) return;
    if (!Array.isArray(items))
      throw new InputError(
        `'items' of a ${kind} must be a sequence, got ${describe(items)}`,
        file,
        at('items'),
      );
    const itemLines = childOf(lines, 'items') ?? line;
    items.forEach((item, i) => {
      const lines = childOf(itemLines, i) ?? lineOf(itemLines);
      expand(kind === 'List' ? item : typedItem(value, kind, item), lines, file, out);
    });
    return;
  }
  out.push({ object: value as K8sObject, file, line, locate: at });
}

/** Items of a typed list (`PodList`) may omit apiVersion and kind, as the API server returns them. */
function typedItem(list: Json, kind: string, item: unknown): unknown {
  if (!isObject(item)) return item;
  return {
    apiVersion: item.apiVersion ?? list.apiVersion,
    kind: item.kind ?? kind.slice(0, -'List'.length),
    ...item,
  };
}

/**
 * Checks the envelope's types and normalises what the API server treats as absent: a null
 * `metadata`, `name`, `namespace`, `labels` or `annotations` is dropped, and a null label or
 * annotation value becomes "" (Go decodes JSON null into a string as ""), so the envelope
 * matches its type in policies/types.ts exactly.
 */
function checkEnvelope(o: Json, file: string, at: (path: string) => number): void {
  const fail = (path: string, what: string): never => {
    throw new InputError(what, file, at(path));
  };
  for (const field of ['apiVersion', 'kind'] as const) {
    if (o[field] !== undefined && o[field] !== null && typeof o[field] !== 'string')
      fail(field, typeError(field, o[field], 'a string'));
  }
  const missing = (['apiVersion', 'kind'] as const).filter((f) => !o[f]);
  if (missing.length > 0) {
    fail(
      '',
      `object has no ${missing.map((f) => `'${f}'`).join(' and no ')}; every Kubernetes object needs 'apiVersion' and 'kind'`,
    );
  }
  const meta = o.metadata;
  if (meta === null) delete o.metadata;
  if (meta === undefined || meta === null) return;
  if (!isObject(meta)) return fail('metadata', typeError('metadata', meta, 'a mapping'));
  for (const field of ['name', 'generateName', 'namespace']) {
    const v = meta[field];
    if (v === null) delete meta[field];
    else if (v !== undefined && typeof v !== 'string')
      fail(`metadata.${field}`, typeError(`metadata.${field}`, v, 'a string'));
  }
  for (const field of ['labels', 'annotations']) {
    const map = meta[field];
    if (map === null) delete meta[field];
    if (map === undefined || map === null) continue;
    if (!isObject(map)) return fail(`metadata.${field}`, typeError(`metadata.${field}`, map, 'a mapping'));
    for (const [key, v] of Object.entries(map)) {
      const path = `metadata.${field}.${key}`;
      if (v === null) map[key] = '';
      else if (typeof v !== 'string') fail(path, typeError(path, v, 'a string'));
    }
  }
}

function typeError(path: string, value: unknown, expected: string): string {
  const hint =
    expected === 'a string' && (typeof value === 'number' || typeof value === 'boolean')
      ? '; quote the value'
      : '';
  return `'${path}' must be ${expected}, got ${describe(value)}${hint}`;
}

/** Names a value's YAML type for messages: `a sequence`, `a number (5)`. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a sequence';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)})`;
  return `a ${typeof value} (${String(value)})`;
}

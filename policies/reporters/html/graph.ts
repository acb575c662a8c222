/**
 * The reachability graph of the HTML report: DOT built from the analysis, laid out and rendered to
 * SVG by Graphviz compiled to WebAssembly (@viz-js/viz, which embeds its wasm, so it runs offline
 * in Node), then stripped of the XML prolog, comments and namespace URLs so it inlines into HTML
 * with no reference to anything outside the file. Same input, same bytes.
 */
import { instance } from '@viz-js/viz';
import type { Reachability } from '../../reachability/analyze';
import type { Endpoint } from '../../reachability/model';
import { formatPortSet, isEmpty } from '../../reachability/port-set';
import { printable } from '../common';

/** Past this many flows a drawing is unreadable; the report shows the table alone. */
export const MAX_GRAPH_FLOWS = 400;

const COLORS = {
  workload: { fill: '#e0e7ff', line: '#4f46e5' },
  external: { fill: '#f1f5f9', line: '#64748b' },
  declared: '#475569',
  unexpected: '#dc2626',
};

/**
 * A DOT string literal of one or more lines: quotes and backslashes escaped and control characters
 * made visible, so text from a manifest can neither end the string nor inject DOT escapes.
 */
function q(...lines: string[]): string {
  return `"${lines.map((l) => printable(l).replace(/\\/g, '\\\\').replace(/"/g, '\\"')).join('\\n')}"`;
}

function nodeLabel(e: Endpoint): string[] {
  if (e.type === 'cidr') return [e.cidr ?? e.id];
  if (e.type === 'external-pods') return [e.id.slice((e.namespace ?? '').length + 1)];
  const [, kind, ...name] = e.id.split('/');
  return [name.join('/'), kind];
}

/** DOT for the flows of `analysis`: one cluster per namespace, unexpected flows red and dashed. */
export function reachabilityDot(analysis: Reachability): string {
  const lines = [
    'digraph reachability {',
    '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.3, ranksep=0.9, bgcolor="transparent"];',
    `  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, fillcolor="${COLORS.workload.fill}", color="${COLORS.workload.line}"];`,
    `  edge [fontname="Helvetica", fontsize=8, color="${COLORS.declared}", fontcolor="${COLORS.declared}", arrowsize=0.6];`,
  ];
  const byNamespace = new Map<string, Endpoint[]>();
  const loose: Endpoint[] = [];
  for (const e of analysis.endpoints) {
    if (e.namespace === undefined) loose.push(e);
    else byNamespace.set(e.namespace, [...(byNamespace.get(e.namespace) ?? []), e]);
  }
  const node = (e: Endpoint, indent: string) => {
    const external = e.type !== 'workload';
    const style = external
      ? `, style="rounded,filled,dashed", fillcolor="${COLORS.external.fill}", color="${COLORS.external.line}"`
      : '';
    const shape = e.type === 'cidr' ? ', shape=ellipse' : '';
    return `${indent}${q(e.id)} [label=${q(...nodeLabel(e))}, class=${q(`endpoint ${e.type}`)}${shape}${style}];`;
  };
  [...byNamespace.keys()].sort().forEach((ns, i) => {
    const members = byNamespace.get(ns)!;
    const outside = members.every((e) => e.type !== 'workload');
    lines.push(`  subgraph cluster_${i} {`);
    lines.push(
      `    label=${q(outside ? `${ns} (outside the input)` : ns)}; style="rounded${outside ? ',dashed' : ''}"; color="#94a3b8"; fontcolor="#334155";`,
    );
    for (const e of members) lines.push(node(e, '    '));
    lines.push('  }');
  });
  for (const e of loose) lines.push(node(e, '  '));
  for (const f of analysis.flows) {
    const unexpected = !isEmpty(f.unexpected);
    const ports = formatPortSet(f.ports);
    const label = ports.length > 32 ? `${ports.slice(0, 30)}…` : ports;
    const attrs = unexpected
      ? `, color="${COLORS.unexpected}", fontcolor="${COLORS.unexpected}", style=dashed, penwidth=1.6, class="flow unexpected"`
      : ', class="flow declared"';
    lines.push(
      `  ${q(f.from)} -> ${q(f.to)} [label=${q(label)}, tooltip=${q(`${f.from} → ${f.to}: ${ports}`)}${attrs}];`,
    );
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

let viz: ReturnType<typeof instance> | undefined;

/** Lays out and renders DOT to an inline SVG element (no prolog, comments or namespace URLs). */
export async function renderSvg(dot: string): Promise<string> {
  viz ??= instance();
  const svg = (await viz).renderString(dot, { format: 'svg' });
  return svg
    .replace(/<\?xml[^>]*\?>\s*/, '')
    .replace(/<!DOCTYPE[^>]*>\s*/, '')
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(/\s+xmlns(:xlink)?="[^"]*"/g, '')
    .trim();
}

/** The graph of `analysis` as inline SVG, or undefined when it has too many flows to draw. */
export async function reachabilitySvg(analysis: Reachability): Promise<string | undefined> {
  if (analysis.flows.length > MAX_GRAPH_FLOWS) return undefined;
  return renderSvg(reachabilityDot(analysis));
}

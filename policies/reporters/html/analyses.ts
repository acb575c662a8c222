/**
 * The analysis sections of the HTML report: the reachability graph with its flow table, and the
 * effective permissions of every ServiceAccount.
 */
import type { RbacAnalysis, ServiceAccountPermissions } from '../../rbac';
import type { Reachability } from '../../reachability/analyze';
import { formatPortSet, isEmpty } from '../../reachability/port-set';
import { esc } from './escape';
import { MAX_GRAPH_FLOWS } from './graph';

/** The graph (already rendered SVG) and every flow, unexpected ones first. */
export function reachabilitySection(analysis: Reachability, svg: string | undefined): string {
  const unexpected = analysis.flows.filter((f) => !isEmpty(f.unexpected));
  const workloads = analysis.endpoints.filter((e) => e.type === 'workload').length;
  const out = [
    '<section id="reachability"><h2>Network reachability</h2>',
    `<p>${workloads} workloads, ${analysis.endpoints.length - workloads} endpoints outside the input, ${analysis.flows.length} allowed flows, ` +
      `<strong>${unexpected.length} unexpected</strong> (allowed without a NetworkPolicy rule naming the peer on either end).</p>`,
    '<p class="legend"><span class="declared">── declared flow</span><span class="unexpected">- - unexpected flow</span>' +
      '<span class="muted">dashed boxes: outside the input</span></p>',
    svg
      ? `<div id="graph">${svg}</div>`
      : `<p id="graph" class="muted">${analysis.flows.length} flows are too many to draw (limit ${MAX_GRAPH_FLOWS}); see the table.</p>`,
    '<h3>Flows</h3>',
    '<table class="filterable" id="flows"><thead><tr><th>From</th><th>To</th><th>Ports</th><th>Unexpected ports</th><th>Why</th></tr></thead><tbody>',
  ];
  for (const f of [...unexpected, ...analysis.flows.filter((f) => isEmpty(f.unexpected))]) {
    const why = f.openings
      .map((o) =>
        o.cause === 'open-rule'
          ? `${o.endpoint} ${o.direction}: ${o.path} of ${o.policy} admits every peer`
          : o.cause === 'not-isolated'
            ? `${o.endpoint} not isolated for ${o.direction}`
            : `${o.endpoint} outside the input`,
      )
      .join('; ');
    out.push(
      `<tr><td><code>${esc(f.from)}</code></td><td><code>${esc(f.to)}</code></td><td>${esc(formatPortSet(f.ports))}</td>` +
        `<td>${isEmpty(f.unexpected) ? '' : `<span class="badge warning">${esc(formatPortSet(f.unexpected))}</span>`}</td><td>${esc(why)}</td></tr>`,
    );
  }
  out.push('</tbody></table></section>');
  return out.join('\n');
}

function grantList(a: ServiceAccountPermissions): string {
  if (a.grants.length === 0) return '<span class="muted">none</span>';
  const items = a.grants.map((g) => {
    const r = g.rule;
    const what = r.nonResourceURLs.length > 0 ? r.nonResourceURLs.join(', ') : r.resources.join(', ');
    const names = r.resourceNames.length > 0 ? ` (${r.resourceNames.join(', ')})` : '';
    const groups = r.apiGroups.filter((x) => x !== '').join(', ');
    return (
      `<li><code>${esc(r.verbs.join(', '))}</code> ${esc(what)}${esc(names)}${groups ? ` <span class="muted">[${esc(groups)}]</span>` : ''} ` +
      `in ${g.scope === '*' ? '<strong>every namespace</strong>' : esc(g.scope)} <span class="muted">via ${esc(g.binding)} → ${esc(g.role)} as ${esc(g.subject)}</span></li>`
    );
  });
  return `<ul class="grants">${items.join('')}</ul>`;
}

/** One row per ServiceAccount: who uses it, what it may do, and what of that is dangerous. */
export function rbacSection(analysis: RbacAnalysis): string {
  const risky = analysis.serviceAccounts.filter((a) => a.dangers.length > 0).length;
  const out = [
    '<section id="rbac"><h2>ServiceAccount permissions</h2>',
    `<p>${analysis.serviceAccounts.length} ServiceAccounts, ${analysis.serviceAccounts.filter((a) => a.grants.length > 0).length} with RBAC grants, ` +
      `<strong>${risky} with dangerous grants</strong>.</p>`,
    '<table class="filterable" id="rbac-table"><thead><tr><th>ServiceAccount</th><th>Used by</th><th>Effective permissions</th><th>Dangerous</th></tr></thead><tbody>',
  ];
  for (const a of analysis.serviceAccounts) {
    const dangers = a.dangers
      .map((d) => `<span class="badge danger" title="${esc(d.detail)}">${esc(d.title)}</span>`)
      .join('');
    out.push(
      `<tr><td><code>${esc(`${a.namespace}/${a.name}`)}</code>${a.declared ? '' : ' <span class="muted">(not in the input)</span>'}</td>` +
        `<td>${a.usedBy.map((u) => `<code>${esc(u)}</code>`).join('<br>') || '<span class="muted">no workload</span>'}</td>` +
        `<td>${grantList(a)}</td><td>${dangers || '<span class="badge ok">none</span>'}</td></tr>`,
    );
  }
  out.push('</tbody></table>');
  if (analysis.unresolved.length > 0) {
    out.push(
      `<p class="muted">Bindings whose role is not in the input (they grant nothing here): ${analysis.unresolved.map(esc).join('; ')}</p>`,
    );
  }
  out.push('</section>');
  return out.join('\n');
}

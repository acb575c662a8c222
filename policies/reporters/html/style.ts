/**
 * The report's stylesheet and script, inlined into the page so it needs no network and no other
 * file. System fonts only: a web font would be a download.
 */
export const STYLE = `
:root { --fg: #0f172a; --muted: #475569; --line: #e2e8f0; --bg: #ffffff; --panel: #f8fafc;
  --error: #b91c1c; --warning: #b45309; --info: #1d4ed8; --ok: #15803d; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  color: var(--fg); background: var(--bg); }
header { padding: 24px 32px 12px; border-bottom: 1px solid var(--line); }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: var(--muted); }
nav { margin-top: 10px; display: flex; gap: 14px; flex-wrap: wrap; }
nav a { color: var(--info); text-decoration: none; }
main { padding: 8px 32px 48px; }
section { margin-top: 28px; }
h2 { font-size: 18px; margin: 0 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 8px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; }
.card { min-width: 120px; padding: 10px 14px; border: 1px solid var(--line); border-radius: 8px; background: var(--panel); }
.card .n { font-size: 24px; font-weight: 600; }
.card .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card.error .n { color: var(--error); } .card.warning .n { color: var(--warning); } .card.info .n { color: var(--info); }
.card.ok .n { color: var(--ok); }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; }
code.rule { white-space: nowrap; }
code.path { color: var(--muted); }
table.findings td:nth-child(3) { min-width: 200px; }
table.findings td:nth-child(4) { min-width: 240px; }
td code, li code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 0 6px; border-radius: 9px; font-size: 11px; font-weight: 600; color: #fff; }
.badge.error { background: var(--error); } .badge.warning { background: var(--warning); }
.badge.info { background: var(--info); } .badge.ok { background: var(--ok); }
.badge.danger { background: var(--error); margin: 1px 2px 1px 0; }
.muted { color: var(--muted); }
.empty { color: var(--ok); font-weight: 600; }
ul.grants { margin: 0; padding-left: 16px; }
#graph { overflow: auto; border: 1px solid var(--line); border-radius: 8px; padding: 8px; background: #fff; }
#graph svg { max-width: 100%; height: auto; }
.legend span { margin-right: 16px; }
.legend .declared { color: #475569; } .legend .unexpected { color: #dc2626; }
#filter { padding: 4px 8px; width: 280px; border: 1px solid var(--line); border-radius: 6px; }
details > summary { cursor: pointer; color: var(--info); }
`;

/** Filters every table row by the text typed in #filter; the page works without it. */
export const SCRIPT = `
(function () {
  // Marks the page as scripted, so a headless check can tell the inline script ran under the CSP.
  document.documentElement.setAttribute('data-script', 'ready');
  var input = document.getElementById('filter');
  if (!input) return;
  input.addEventListener('input', function () {
    var needle = input.value.toLowerCase();
    var rows = document.querySelectorAll('table.filterable tbody tr');
    for (var i = 0; i < rows.length; i++) {
      rows[i].style.display = rows[i].textContent.toLowerCase().indexOf(needle) < 0 ? 'none' : '';
    }
  });
})();
`;

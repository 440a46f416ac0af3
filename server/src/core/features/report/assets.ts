/**
 * The report's own stylesheet and script (the annotations' stylesheet is
 * client/media/preview.css, which the edges read and pass in). Both are
 * inlined in the page; the Content-Security-Policy lets this script run by
 * its hash and nothing else load, so a report cannot reach the network.
 */

/**
 * The page's look: light and dark (`prefers-color-scheme`, which also sets the
 * theme variables preview.css reads), the matrix with a sticky header and key
 * column, cells tinted by status through preview.css's `--corroborate-status`,
 * and a print layout (controls hidden, every article open, colours kept).
 */
export const REPORT_CSS = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --link: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23; --link: #4493f8;
    --vscode-editorError-foreground: #f85149; --vscode-testing-iconPassed: #3fb950; --vscode-editorWarning-foreground: #d29922;
    --vscode-editorInfo-foreground: #58a6ff; --vscode-charts-blue: #58a6ff; --vscode-charts-purple: #bc8cff;
    --vscode-charts-green: #3fb950; --vscode-charts-orange: #db6d28; --vscode-descriptionForeground: #9198a1; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 4rem; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
a { color: var(--link); }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; margin-top: 2rem; }
nav.toc a { margin-right: 1rem; }
.muted, .report-meta { color: var(--muted); }
.counts { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 0; }
.counts div { border: 1px solid var(--line); border-radius: 6px; padding: 0.4rem 0.9rem; background: var(--panel); min-width: 8rem; }
.counts dt { color: var(--muted); font-size: 0.85rem; }
.counts dd { margin: 0; font-size: 1.5rem; font-weight: 600; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; font-size: 0.9rem; }
.swatch { display: inline-block; width: 0.9em; height: 0.9em; border-radius: 2px; vertical-align: -0.1em; margin-right: 0.3em;
  background: color-mix(in srgb, var(--corroborate-status) 35%, transparent); border: 1px solid var(--corroborate-status); }
.controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 0.5rem 0; }
.controls input[type="search"] { min-width: 18rem; padding: 0.2rem 0.4rem; }
.matrix-wrap { overflow: auto; max-height: 80vh; border: 1px solid var(--line); }
table.matrix { border-collapse: separate; border-spacing: 0; font-size: 0.85rem; }
.matrix th, .matrix td { border-right: 1px solid var(--line); border-bottom: 1px solid var(--line); padding: 0.2rem 0.4rem; vertical-align: top; }
.matrix thead th { position: sticky; top: 0; background: var(--panel); z-index: 2; }
.matrix th.src { writing-mode: vertical-rl; transform: rotate(180deg); text-align: left; max-height: 12rem; font-weight: 500; white-space: nowrap; }
.matrix th.key { position: sticky; left: 0; background: var(--bg); z-index: 1; text-align: left; font-weight: 500; white-space: nowrap; }
.matrix thead th.key { z-index: 3; background: var(--panel); }
.matrix tr.group-head th { text-align: left; background: var(--panel); position: sticky; left: 0; color: var(--muted); }
.matrix td.cell { background: color-mix(in srgb, var(--corroborate-status) 22%, transparent); min-width: 5rem; max-width: 14rem; text-decoration: none; }
.matrix td.cell a { color: inherit; text-decoration: none; }
.matrix td.cell small { color: var(--muted); display: block; }
.matrix.conflicts-only tbody tr[data-status]:not([data-status="conflicting"]), .matrix tr.filtered, .matrix tbody.filtered { display: none; }
ul.claims { padding-left: 1.2rem; }
ul.claims li { margin: 0.3rem 0; }
ul.claims li::marker { color: var(--corroborate-status); }
.value { font-weight: 600; }
.loc { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.85em; }
q { font-style: italic; }
details.conflict { margin: 0.4rem 0; }
details.conflict > summary { cursor: pointer; }
details.conflict > p { margin: 0.2rem 0 0 1.2rem; }
details.article { border: 1px solid var(--line); border-radius: 6px; margin: 0.6rem 0; }
details.article > summary { cursor: pointer; padding: 0.5rem 0.8rem; background: var(--panel); }
details.article .title { font-weight: 600; }
.article-body { padding: 0 1rem 0.5rem; }
.article-body pre, .article-body code { background: var(--panel); }
@media print {
  :root { --bg: #ffffff; --fg: #000000; --panel: #f3f3f3; --link: #000000; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav.toc, .controls { display: none; }
  .matrix-wrap { overflow: visible; max-height: none; border: none; }
  .matrix thead th, .matrix th.key, .matrix tr.group-head th { position: static; }
  .matrix.conflicts-only tbody tr[data-status], .matrix tr.filtered, .matrix tbody.filtered { display: table-row; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  details.article { break-inside: auto; border: none; }
  details.article > summary { list-style: none; background: none; padding: 0; font-size: 1.1rem; }
  details.conflict > summary { list-style: none; }
  h2 { break-after: avoid; }
}
`;

/**
 * The page's behaviour, all optional (the page reads in full without it):
 * a link to a claim opens the collapsed article that holds it; "conflicts
 * only" and the text filter hide matrix rows; printing opens every article.
 */
export const REPORT_SCRIPT = `(function () {
  'use strict';
  function reveal(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    for (var d = el.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
    return el;
  }
  document.addEventListener('click', function (e) {
    var a = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null;
    if (a) reveal(decodeURIComponent(a.getAttribute('href').slice(1)));
  });
  if (location.hash.length > 1) {
    var first = reveal(decodeURIComponent(location.hash.slice(1)));
    if (first) first.scrollIntoView();
  }
  var closed = [];
  addEventListener('beforeprint', function () {
    closed = Array.prototype.filter.call(document.querySelectorAll('details:not([open])'), function (d) { d.open = true; return true; });
  });
  addEventListener('afterprint', function () { closed.forEach(function (d) { d.open = false; }); closed = []; });
  var table = document.querySelector('table.matrix');
  var controls = document.querySelector('.controls');
  if (!table || !controls) return;
  controls.hidden = false;
  var only = document.getElementById('conflicts-only');
  var filter = document.getElementById('filter');
  var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr[data-status]'));
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  function apply() {
    table.classList.toggle('conflicts-only', only.checked);
    var q = filter.value.trim().toLowerCase();
    rows.forEach(function (r, i) { r.classList.toggle('filtered', q !== '' && texts[i].indexOf(q) < 0); });
    table.querySelectorAll('tbody').forEach(function (g) {
      var shown = g.querySelector('tr[data-status]:not(.filtered)' + (only.checked ? '[data-status="conflicting"]' : ''));
      g.classList.toggle('filtered', !shown);
    });
  }
  only.addEventListener('change', apply);
  filter.addEventListener('input', apply);
  apply();
})();`;

/** The SHA-256 of {@link REPORT_SCRIPT}, base64, for the Content-Security-Policy (a unit test keeps it true). */
export const REPORT_SCRIPT_SHA256 = 'RJspMDwcxuEJHUwdLh8JkVHU+amrjI9C+IxXY7NX610=';

/**
 * Building blocks of the self-contained report files (pure): escaping, tables, the page shell.
 * INVARIANT: a file never asks for anything when opened — styles inline, charts inline SVG, no
 * script, no link, no image URL; its Content-Security-Policy (default-src 'none') makes a browser
 * refuse any request that might slip in.
 */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(text: string | number | null | undefined): string {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type TCell = string | number | null | { html: string } | { num: string | number | null };

function cellHtml(c: TCell, header: boolean): string {
  const tag = header ? "th" : "td";
  if (c !== null && typeof c === "object" && "num" in c) return `<${tag} class="n">${esc(c.num)}</${tag}>`;
  if (c !== null && typeof c === "object" && "html" in c) return `<${tag}>${c.html}</${tag}>`;
  return `<${tag}${typeof c === "number" ? ' class="n"' : ""}>${esc(c)}</${tag}>`;
}

/** A table; numeric columns (headers given as { num }) right-aligned with tabular figures. */
export function table(headers: TCell[], rows: TCell[][], empty = "—"): string {
  const body = rows.length
    ? rows.map((r) => `<tr>${r.map((c) => cellHtml(c, false)).join("")}</tr>`).join("\n")
    : `<tr><td colspan="${headers.length}" class="empty">${esc(empty)}</td></tr>`;
  return `<div class="tw"><table><thead><tr>${headers.map((h) => cellHtml(h, true)).join("")}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

export function section(title: string, inner: string): string {
  return `<section><h2>${esc(title)}</h2>\n${inner}\n</section>`;
}

/** JMeter summariser lines in a monospace block, exactly as printed. */
export function summaryBlock(lines: string[], empty: string): string {
  return lines.length ? `<pre class="summary">${esc(lines.join("\n"))}</pre>` : `<p class="muted">${esc(empty)}</p>`;
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;background:#fafafa;color:#18181b;font:14px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:1120px;margin:0 auto;padding:32px 24px}
header.top{border-bottom:1px solid #e4e4e7;margin-bottom:24px;padding-bottom:16px}
h1{font-size:22px;margin:0 0 4px;letter-spacing:-.01em}
h2{font-size:16px;margin:0 0 10px}
section{background:#fff;border:1px solid #e4e4e7;border-radius:8px;padding:16px;margin:0 0 20px;break-inside:avoid-page}
.muted{color:#71717a;margin:0}
.facts{display:flex;flex-wrap:wrap;gap:6px 20px;color:#52525b;font-size:13px}
.facts b{color:#18181b;font-weight:600}
pre.summary{background:#09090b;color:#f4f4f5;border-radius:6px;padding:12px 14px;overflow-x:auto;font:12.5px/1.7 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:0;white-space:pre}
.tw{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:6px 10px;border-bottom:1px solid #f4f4f5;text-align:left;vertical-align:top}
thead th{background:#fafafa;border-bottom:1px solid #e4e4e7;color:#71717a;font-weight:500;font-size:12px;white-space:nowrap}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.empty{color:#a1a1aa;text-align:center;padding:14px}
td code,td .mono{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
td code{white-space:pre-wrap;word-break:normal}
.ok{color:#047857;font-weight:600}.bad{color:#b91c1c;font-weight:600}
.tag{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;background:#f4f4f5;color:#3f3f46}
.tag.open,.tag.in_progress{background:#fef3c7;color:#92400e}.tag.resolved{background:#d1fae5;color:#065f46}
svg{display:block;max-width:100%;height:auto}
.charts{display:grid;grid-template-columns:1fr;gap:16px}
footer{color:#a1a1aa;font-size:12px;text-align:center;margin-top:24px}
@media print{
  body{background:#fff;font-size:11px}
  main{max-width:none;padding:0}
  section{border:none;padding:0;margin:0 0 14px}
  pre.summary{background:#fff;color:#000;border:1px solid #d4d4d8;white-space:pre-wrap}
  .tw{overflow:visible}
  thead{display:table-header-group}
  tr{break-inside:avoid}
  @page{margin:14mm}
}`;

/** The whole document. `lang` is the page language (zh-CN or en). */
export function page(o: { lang: string; title: string; header: string; body: string; footer: string }): string {
  return `<!doctype html>
<html lang="${esc(o.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="referrer" content="no-referrer">
<title>${esc(o.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header class="top">${o.header}</header>
${o.body}
<footer>${esc(o.footer)}</footer>
</main>
</body>
</html>
`;
}

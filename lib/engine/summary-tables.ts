/**
 * Plain-text tables of a run summary for the CLI: per label, per module, rendezvous releases and
 * error kinds. Numbers right-aligned.
 */
import { displayAverageMs, errorPercent, formatHalfEven } from "./metrics/summary-line";
import { PERCENTILES, percentileKey, type TRunSummary } from "./metrics/types";

function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  // Right-align columns whose cells are all numbers (or "-").
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => /^-?[\d.]+$|^-$/.test(String(r[i] ?? ""))));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

const ms = (n: number) => n.toFixed(1);
/** Releases listed one by one in the text report (every one is in the JSON). */
const RECENT_RELEASES = 10;

export function formatSummaryTables(s: TRunSummary): string {
  const out: string[] = [];
  out.push("Labels");
  out.push(
    table(
      [
        "label",
        "kind",
        "module",
        "samples",
        "errors",
        "err %",
        "avg ms",
        "min ms",
        ...PERCENTILES.map((p) => `p${p} ms`),
        "max ms",
        "req/s",
      ],
      s.labels.map((l) => [
        l.label,
        l.kind,
        l.module,
        l.samples,
        l.errors,
        formatHalfEven(errorPercent(l), 2),
        displayAverageMs(l.avgMs),
        ms(l.minMs),
        ...PERCENTILES.map((p) => ms(l[percentileKey(p)])),
        ms(l.maxMs),
        l.ratePerSec.toFixed(1),
      ]),
    ),
  );
  out.push("", "Modules (requests)");
  out.push(
    table(
      ["module", "summary"],
      s.modules.map((m) => [m.module, m.summaryLine]),
    ),
  );
  out.push("", `Total: ${s.total.summaryLine}`);
  if (s.rendezvous.length > 0) {
    out.push("", "Rendezvous releases");
    out.push(
      table(
        ["point", "releases", "by policy", "by timeout", "by stop", "unreachable", "VUs released", "skew p50 ms", "skew max ms"],
        s.rendezvous.map((p) => {
          const skews = p.releases
            .map((r) => r.skewMs)
            .filter((x): x is number => x !== null)
            .sort((a, b) => a - b);
          const count = (reason: string) => p.releases.filter((r) => r.reason === reason).length;
          return [
            p.name,
            p.releases.length,
            count("policy"),
            count("timeout"),
            count("stop"),
            count("unreachable"),
            p.releases.reduce((n, r) => n + r.released, 0),
            skews.length ? skews[Math.floor((skews.length - 1) / 2)]!.toFixed(1) : "-",
            skews.length ? skews.at(-1)!.toFixed(1) : "-",
          ];
        }),
      ),
    );
    const recent = s.rendezvous
      .flatMap((p) => p.releases.map((r) => ({ name: p.name, ...r })))
      .sort((a, b) => a.at - b.at)
      .slice(-RECENT_RELEASES);
    if (recent.length > 0) {
      out.push("", `Last ${recent.length} releases (all in --json)`);
      out.push(
        table(
          ["point", "at (UTC)", "released", "reason", "skew ms"],
          recent.map((r) => [
            r.name,
            new Date(r.at).toISOString().slice(11, 23),
            r.released,
            r.reason,
            r.skewMs === null ? "-" : r.skewMs.toFixed(1),
          ]),
        ),
      );
    }
  }
  if (s.errors.length > 0) {
    out.push("", "Errors by kind");
    out.push(
      table(
        ["label", "kind", "count", "example"],
        s.errors.map((e) => [e.label, e.kind, e.count, e.examples[0] ?? ""]),
      ),
    );
  }
  return out.join("\n");
}

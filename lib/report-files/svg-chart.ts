/**
 * Charts as inline SVG (pure): no script and no font or image to fetch, so they draw the same
 * from file://, in print and in a mail client. Coordinates rounded to 0.1 px to keep the file small.
 */
import { esc } from "./html";

export interface TSeries {
  name: string;
  color: string;
  values: number[];
}

const W = 1000;
const H = 220;
const PAD = { left: 56, right: 12, top: 24, bottom: 26 };

/** 0, 1, 2, 5 × 10^n steps: about `count` grid lines from 0 to at least `max`. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 0.999; v += step) ticks.push(Math.round(v * 1e6) / 1e6);
  return ticks;
}

const r1 = (n: number) => Math.round(n * 10) / 10;

function fmt(n: number): string {
  if (n >= 10_000) return `${r1(n / 1000)}k`;
  return String(r1(n));
}

/**
 * A line chart over x positions `xs` (e.g. epoch seconds), one polyline per series, a y grid with
 * its values, the first and last x labels, and a legend. `title` is the accessible name.
 */
export function lineChart(o: { title: string; unit: string; xs: number[]; xLabel: (x: number) => string; series: TSeries[] }): string {
  const { xs } = o;
  if (xs.length === 0) return "";
  const maxY = Math.max(0, ...o.series.flatMap((s) => s.values.filter(Number.isFinite)));
  const ticks = niceTicks(maxY);
  const top = ticks.at(-1)! || 1;
  const x0 = xs[0]!;
  const span = Math.max(1, xs.at(-1)! - x0);
  const px = (x: number) => r1(PAD.left + ((x - x0) / span) * (W - PAD.left - PAD.right));
  const py = (y: number) => r1(H - PAD.bottom - (y / top) * (H - PAD.top - PAD.bottom));
  const grid = ticks
    .map(
      (t) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(t)}" y2="${py(t)}" stroke="#e4e4e7"/><text x="${PAD.left - 6}" y="${py(t) + 4}" text-anchor="end">${fmt(t)}</text>`,
    )
    .join("");
  const lines = o.series
    .map((s) => {
      const pts = s.values.map((v, i) => `${px(xs[i]!)},${py(Number.isFinite(v) ? v : 0)}`).join(" ");
      return `<polyline fill="none" stroke="${s.color}" stroke-width="1.5" stroke-linejoin="round" points="${pts}"/>`;
    })
    .join("");
  const legend = o.series
    .map(
      (s, i) =>
        `<rect x="${PAD.left + i * 150}" y="6" width="10" height="10" fill="${s.color}"/><text x="${PAD.left + 14 + i * 150}" y="15">${esc(s.name)}</text>`,
    )
    .join("");
  const xLabels = `<text x="${PAD.left}" y="${H - 8}">${esc(o.xLabel(x0))}</text><text x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${esc(o.xLabel(xs.at(-1)!))}</text>`;
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(o.title)}" font-family="system-ui,sans-serif" font-size="11" fill="#52525b"><title>${esc(o.title)}</title>${legend}<text x="${W - PAD.right}" y="15" text-anchor="end">${esc(o.unit)}</text>${grid}${lines}${xLabels}</svg>`;
}

/** Horizontal bars, one per row (e.g. modules by average response time). */
export function barChart(o: { title: string; unit: string; rows: { label: string; value: number }[]; color?: string }): string {
  if (o.rows.length === 0) return "";
  const rowH = 22;
  const labelW = 260;
  const h = o.rows.length * rowH + 8;
  const max = Math.max(...o.rows.map((r) => r.value), 0) || 1;
  const bars = o.rows
    .map((r, i) => {
      const y = 4 + i * rowH;
      const w = r1(((W - labelW - 90) * Math.max(0, r.value)) / max);
      const label = r.label.length > 38 ? `${r.label.slice(0, 37)}…` : r.label;
      return `<text x="${labelW - 8}" y="${y + 14}" text-anchor="end">${esc(label)}</text><rect x="${labelW}" y="${y + 3}" width="${w}" height="14" rx="2" fill="${o.color ?? "#4f46e5"}"/><text x="${r1(labelW + w + 6)}" y="${y + 14}">${esc(fmt(r.value))} ${esc(o.unit)}</text>`;
    })
    .join("");
  return `<svg viewBox="0 0 ${W} ${h}" role="img" aria-label="${esc(o.title)}" font-family="system-ui,sans-serif" font-size="11" fill="#3f3f46"><title>${esc(o.title)}</title>${bars}</svg>`;
}

/**
 * Content-Disposition for a download named after the report: an ASCII fallback plus the UTF-8
 * name (RFC 6266 / 5987), so "峰值脚本压测 2026-11-21.md" survives in every browser.
 */
export function downloadName(name: string, extension: "md" | "csv" | "html" | "json"): string {
  const base =
    name
      .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, " ")
      .trim()
      .slice(0, 120) || "report";
  const ascii = base.replace(/[^\x20-\x7e]+/g, "_").replace(/"/g, "") || "report";
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${base}.${extension}`)}`;
}

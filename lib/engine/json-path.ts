/**
 * A small JSON path: `$`, `.name`, `['name']`, `[index]`, `[*]` and `..name` (first match).
 * Enough for extract/expect; returns undefined when nothing matches.
 */

type Seg = { field: string } | { index: number } | { wildcard: true } | { deep: string };

const cache = new Map<string, Seg[]>();

export function parseJsonPath(path: string): Seg[] {
  const hit = cache.get(path);
  if (hit) return hit;
  if (!path.startsWith("$")) throw new Error(`JSON path must start with $: ${path}`);
  const segs: Seg[] = [];
  let i = 1;
  while (i < path.length) {
    const rest = path.slice(i);
    let m: RegExpMatchArray | null;
    if ((m = rest.match(/^\.\.([A-Za-z_$][\w$-]*)/))) segs.push({ deep: m[1]! });
    else if ((m = rest.match(/^\.([A-Za-z_$][\w$-]*)/))) segs.push({ field: m[1]! });
    else if ((m = rest.match(/^\.\*|^\[\*\]/))) segs.push({ wildcard: true });
    else if ((m = rest.match(/^\[(\d+)\]/))) segs.push({ index: Number(m[1]) });
    else if ((m = rest.match(/^\[['"]([^'"]*)['"]\]/))) segs.push({ field: m[1]! });
    else throw new Error(`cannot read JSON path at "${rest}"`);
    i += m[0].length;
  }
  if (cache.size < 1000) cache.set(path, segs);
  return segs;
}

export function queryJsonPath(value: unknown, path: string): unknown {
  return queryJsonPathAll(value, path)[0];
}

/** Every match of the path, in document order (extractors with a match number). */
export function queryJsonPathAll(value: unknown, path: string): unknown[] {
  let current: unknown[] = [value];
  for (const seg of parseJsonPath(path)) {
    const next: unknown[] = [];
    for (const v of current) {
      if ("field" in seg) {
        if (v && typeof v === "object" && !Array.isArray(v) && seg.field in v) next.push((v as Record<string, unknown>)[seg.field]);
      } else if ("index" in seg) {
        if (Array.isArray(v) && seg.index < v.length) next.push(v[seg.index]);
      } else if ("wildcard" in seg) {
        if (Array.isArray(v)) next.push(...v);
        else if (v && typeof v === "object") next.push(...Object.values(v));
      } else collectDeep(v, seg.deep, next);
    }
    current = next;
    if (current.length === 0) return current;
  }
  return current;
}

function collectDeep(v: unknown, name: string, out: unknown[]): void {
  if (!v || typeof v !== "object") return;
  if (!Array.isArray(v) && name in v) out.push((v as Record<string, unknown>)[name]);
  for (const child of Object.values(v)) collectDeep(child, name, out);
}

/**
 * multipart/form-data bodies (RFC 7578) for file uploads: text fields and files. Field values,
 * file names and inline content are templated; a `file` is read once when the scenario is
 * compiled and sent byte for byte (a Buffer body, never re-encoded as text).
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import type { TRequest } from "./scenario";
import { compileTemplate, render, type TTemplate, type TVars } from "./template";

type TMultipartSpec = NonNullable<TRequest["multipart"]>;

export interface TCompiledMultipart {
  boundary: string;
  parts: { name: string; filename: TTemplate | null; contentType: string | null; content: TTemplate | Buffer }[];
  /** No templates anywhere: the body can be built once. */
  isStatic: boolean;
}

/** Quoted-string for Content-Disposition parameters: `"` and line breaks escaped as browsers do (WHATWG). */
function quote(s: string): string {
  return `"${s.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}"`;
}

export function compileMultipart(spec: TMultipartSpec, readFile: (file: string) => Buffer): TCompiledMultipart {
  const parts: TCompiledMultipart["parts"] = [];
  for (const [name, value] of Object.entries(spec.fields ?? {}))
    parts.push({ name, filename: null, contentType: null, content: compileTemplate(String(value)) });
  for (const f of spec.files ?? []) {
    const content = f.file !== undefined ? readFile(f.file) : compileTemplate(f.content ?? "");
    const filename = compileTemplate(f.filename ?? (f.file !== undefined ? path.basename(f.file) : f.field));
    parts.push({ name: f.field, filename, contentType: f.contentType, content });
  }
  // A boundary no file contains (random: 24 bytes make a collision with file content negligible; checked anyway).
  let boundary = `----musterpoint${randomBytes(12).toString("hex")}`;
  while (parts.some((p) => Buffer.isBuffer(p.content) && p.content.includes(boundary)))
    boundary = `----musterpoint${randomBytes(12).toString("hex")}`;
  const isStatic = parts.every((p) => typeof p.content !== "function" && typeof p.filename !== "function");
  return { boundary, parts, isStatic };
}

export function buildMultipart(m: TCompiledMultipart, vars: TVars): Buffer {
  const chunks: Buffer[] = [];
  for (const p of m.parts) {
    let head = `--${m.boundary}\r\ncontent-disposition: form-data; name=${quote(p.name)}`;
    if (p.filename !== null) head += `; filename=${quote(render(p.filename, vars))}`;
    if (p.contentType !== null) head += `\r\ncontent-type: ${p.contentType}`;
    chunks.push(Buffer.from(`${head}\r\n\r\n`, "utf8"));
    chunks.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(render(p.content, vars), "utf8"));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${m.boundary}--\r\n`));
  return Buffer.concat(chunks);
}

/**
 * The XML side of the JMX export: an indenting line writer and the property / collection shapes
 * JMeter's SaveService reads (2.13 and later).
 */

export const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
export const str = (name: string, value: string | number) => `<stringProp name="${esc(name)}">${esc(String(value))}</stringProp>`;
export const bool = (name: string, value: boolean) => `<boolProp name="${esc(name)}">${value}</boolProp>`;

export class Out {
  private lines: string[] = [];
  constructor(private depth = 0) {}
  get indent(): number {
    return this.depth;
  }
  /** Lines written by another writer (started at this one's depth). */
  append(other: Out): void {
    this.lines.push(...other.lines);
  }
  line(text: string): void {
    this.lines.push("  ".repeat(this.depth) + text);
  }
  open(text: string): void {
    this.line(text);
    this.depth++;
  }
  close(text: string): void {
    this.depth--;
    this.line(text);
  }
  toString(): string {
    return this.lines.join("\n") + "\n";
  }
}

/** JMeter names collection entries by Java's String.hashCode of the value. */
export function hashOf(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  return h;
}

export function headerManager(o: Out, headers: Record<string, string>): void {
  o.open('<HeaderManager guiclass="HeaderPanel" testclass="HeaderManager" testname="HTTP Header Manager" enabled="true">');
  o.open('<collectionProp name="HeaderManager.headers">');
  for (const [k, v] of Object.entries(headers)) {
    o.open('<elementProp name="" elementType="Header">');
    o.line(str("Header.name", k));
    o.line(str("Header.value", v));
    o.close("</elementProp>");
  }
  o.close("</collectionProp>");
  o.close("</HeaderManager>");
  o.line("<hashTree/>");
}

export function arguments_(o: Out, name: string, pairs: Record<string, string>, gui: string, type = "Argument"): void {
  o.open(
    `<elementProp name="${name}" elementType="Arguments" guiclass="${gui}" testclass="Arguments" testname="User Defined Variables" enabled="true">`,
  );
  collectionArgs(o, pairs, type);
  o.close("</elementProp>");
}

export function collectionArgs(o: Out, pairs: Record<string, string>, type: string): void {
  const entries = Object.entries(pairs);
  if (entries.length === 0) {
    o.line('<collectionProp name="Arguments.arguments"/>');
    return;
  }
  o.open('<collectionProp name="Arguments.arguments">');
  for (const [k, v] of entries) {
    o.open(`<elementProp name="${esc(k)}" elementType="${type}">`);
    if (type === "HTTPArgument") o.line(bool("HTTPArgument.always_encode", true));
    o.line(str("Argument.name", k));
    o.line(str("Argument.value", v));
    o.line(str("Argument.metadata", "="));
    if (type === "HTTPArgument") o.line(bool("HTTPArgument.use_equals", true));
    o.close("</elementProp>");
  }
  o.close("</collectionProp>");
}

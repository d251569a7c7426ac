/**
 * A JMX test plan as a tree of test elements. In the file each element is followed by a
 * `<hashTree>` holding its children; properties are `stringProp`, `boolProp`, `intProp`,
 * `longProp`, `doubleProp`, `elementProp` (nested properties) and `collectionProp` (a list).
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { JmeterImportError } from "../errors";

export type TJmxProp =
  | { kind: "value"; name: string; value: string }
  | { kind: "element"; name: string; elementType: string; props: TJmxProp[] }
  | { kind: "collection"; name: string; items: TJmxProp[] };

export interface TJmxElement {
  /** The XML tag, e.g. HTTPSamplerProxy (normally equal to testclass). */
  tag: string;
  testclass: string;
  testname: string;
  enabled: boolean;
  props: TJmxProp[];
  children: TJmxElement[];
  /** Readable location: "Test Plan/Vote_Interface_Test/login" (test names). */
  path: string;
  /** Line of the element's start tag. */
  line: number;
}

interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
  line: number;
}

/** Parses JMX text into its root test elements (normally one TestPlan). */
export function parseJmx(text: string): TJmxElement[] {
  const root = parseXml(text);
  if (root.name !== "jmeterTestPlan") {
    if (root.name === "testResults") throw new JmeterImportError("jmx_is_jtl", {});
    throw new JmeterImportError("jmx_unexpected_root", { element: root.name }, { line: root.line, path: `/${root.name}` });
  }
  const tree = root.children.find((c) => c.name === "hashTree");
  if (!tree) throw new JmeterImportError("jmx_no_hash_tree", {}, { path: "/jmeterTestPlan" });
  return elementsOf(tree, "");
}

function elementsOf(tree: XNode, parentPath: string): TJmxElement[] {
  const out: TJmxElement[] = [];
  const nodes = tree.children;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as XNode;
    if (n.name === "hashTree") continue; // a stray tree without an element: nothing to attach it to
    const testname = n.attrs.testname ?? n.name;
    const path = parentPath ? `${parentPath}/${testname}` : testname;
    const next = nodes[i + 1];
    const children = next?.name === "hashTree" ? elementsOf(next, path) : [];
    out.push({
      tag: n.name,
      testclass: n.attrs.testclass ?? n.name,
      testname,
      enabled: n.attrs.enabled !== "false",
      props: n.children.map(propOf).filter((p): p is TJmxProp => p !== null),
      children,
      path,
      line: n.line,
    });
  }
  return out;
}

function propOf(n: XNode): TJmxProp | null {
  const name = n.attrs.name ?? "";
  if (n.name === "elementProp")
    return {
      kind: "element",
      name,
      elementType: n.attrs.elementType ?? "",
      props: n.children.map(propOf).filter((p): p is TJmxProp => p !== null),
    };
  if (n.name === "collectionProp")
    return { kind: "collection", name, items: n.children.map(propOf).filter((p): p is TJmxProp => p !== null) };
  if (n.name.endsWith("Prop")) return { kind: "value", name, value: n.text };
  // JMeter also writes typed properties as <FloatProperty><name>…</name><value>…</value></FloatProperty>
  // (the Throughput Controller's percentage, in every version).
  if (n.name.endsWith("Property")) {
    const named = n.children.find((c) => c.name === "name");
    const value = n.children.find((c) => c.name === "value");
    if (named) return { kind: "value", name: named.text, value: value?.text ?? "" };
  }
  return null;
}

/** A property's string value by name (undefined when absent). */
export function prop(props: TJmxProp[], name: string): string | undefined {
  const p = props.find((x) => x.name === name);
  return p?.kind === "value" ? p.value : undefined;
}

export function elementProp(props: TJmxProp[], name: string): Extract<TJmxProp, { kind: "element" }> | undefined {
  const p = props.find((x) => x.name === name);
  return p?.kind === "element" ? p : undefined;
}

export function collectionProp(props: TJmxProp[], name: string): TJmxProp[] | undefined {
  const p = props.find((x) => x.name === name);
  return p?.kind === "collection" ? p.items : undefined;
}

function parseXml(text: string): XNode {
  const parser = new SaxesParser({ position: true });
  const stack: XNode[] = [];
  let root: XNode | null = null;
  const where = () =>
    "/" + stack.map((n) => (n.attrs.testname ? `${n.name}[@testname=${JSON.stringify(n.attrs.testname)}]` : n.name)).join("/");
  parser.on("opentag", (tag) => {
    const t = tag as SaxesTagPlain;
    const node: XNode = { name: t.name, attrs: t.attributes as Record<string, string>, children: [], text: "", line: parser.line };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on("text", (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  parser.on("error", (e) => {
    throw new JmeterImportError(
      "xml_not_well_formed",
      { detail: e.message.replace(/^[^:]*:\d+:\d+: /, "") },
      { line: parser.line, path: where() },
    );
  });
  parser.write(text);
  if (stack.length > 0)
    throw new JmeterImportError("xml_truncated", { element: stack[stack.length - 1]?.name ?? "" }, { line: parser.line, path: where() });
  parser.close();
  if (!root) throw new JmeterImportError("jmx_empty", {});
  return root;
}

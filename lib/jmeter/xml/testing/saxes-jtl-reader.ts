/**
 * For tests only: the saxes-based XML JTL reader that ../xml-jtl-reader.ts (a byte-level scanner)
 * replaced, kept as the reference the property tests compare it with — the same samples, and the
 * same input rejected. Not imported by the application.
 *
 * Streaming XML JTL reader (saxes): `<testResults>` with `<httpSample>` / `<sample>` elements.
 * Only top-level samples count, as in JMeter's listeners: nested samples are sub-results
 * (redirects, embedded resources, the children of a parent-mode Transaction Controller).
 * Attributes: t lt ct ts s lb rc rm tn dt by sby ng na sc ec it; `<java.net.URL>` child for the URL.
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { StringDecoder } from "node:string_decoder";
import { JmeterImportError } from "../../errors";
import type { TImportErrorCode, TImportErrorParams } from "../../import-error-codes";
import { emptySample, type TSampleResult, TRANSACTION_MESSAGE_PREFIX } from "../../sample";

interface XmlJtlOptions {
  /** The file was written with sampleresult.timestamp.start=false (ts = sample end). */
  timestampIsEnd?: boolean;
}

const SAMPLE_TAGS = new Set(["httpSample", "sample"]);

export class SaxesJtlReader {
  private readonly parser = new SaxesParser({ position: true });
  private readonly decoder = new StringDecoder("utf8");
  private readonly stack: string[] = [];
  /** counters[d]: how many children of each name the open element at depth d has had (reused maps). */
  private readonly counters: Map<string, number>[] = [new Map()];
  /** Position of each open element among its same-named siblings (the error path, built only when needed). */
  private readonly indexes: number[] = [];
  private readonly sample = emptySample();
  private inTop = false;
  private topHasChildSample = false;
  private text: string[] | null = null;
  private textTarget: "url" | "method" | "failureMessage" | null = null;
  private method = "";
  private sawRoot = false;

  constructor(
    private readonly options: XmlJtlOptions,
    private readonly onSample: (s: TSampleResult) => void,
  ) {
    const p = this.parser;
    p.on("opentag", (tag) => this.open(tag as SaxesTagPlain));
    p.on("closetag", (tag) => this.close(tag as SaxesTagPlain));
    p.on("text", (t) => {
      if (this.text) this.text.push(t);
      else if (this.stack.length <= 1 && t.trim() !== "") this.fail("xml_text_outside_sample", { text: t.trim().slice(0, 40) });
    });
    p.on("error", (e) => {
      throw new JmeterImportError(
        "xml_not_well_formed",
        { detail: e.message.replace(/^[^:]*:\d+:\d+: /, "") },
        { line: p.line, path: this.where() },
      );
    });
  }

  push(chunk: Buffer): void {
    this.parser.write(this.decoder.write(chunk));
  }

  end(): void {
    this.parser.write(this.decoder.end());
    if (this.stack.length > 0)
      throw new JmeterImportError(
        "xml_truncated",
        { element: this.stack[this.stack.length - 1] ?? "" },
        { line: this.parser.line, path: this.where() },
      );
    this.parser.close();
    if (!this.sawRoot) throw new JmeterImportError("xml_no_test_results", {});
  }

  private where(): string {
    return "/" + this.stack.map((name, d) => `${name}[${this.indexes[d]}]`).join("/");
  }

  private fail<C extends TImportErrorCode>(code: C, params: TImportErrorParams<C>): never {
    throw new JmeterImportError(code, params, { line: this.parser.line, path: this.where() });
  }

  private open(tag: SaxesTagPlain): void {
    const name = tag.name;
    const parentDepth = this.stack.length;
    const siblings = this.counters[parentDepth] as Map<string, number>;
    const n = (siblings.get(name) ?? 0) + 1;
    siblings.set(name, n);
    const children = this.counters[parentDepth + 1];
    if (!children) this.counters.push(new Map());
    else if (children.size > 0) children.clear();
    this.stack.push(name);
    this.indexes.push(n);
    const depth = this.stack.length;
    if (depth === 1) {
      if (name === "jmeterTestPlan") this.fail("xml_is_jmx", {});
      if (name !== "testResults") this.fail("xml_unexpected_root", { element: name });
      this.sawRoot = true;
      return;
    }
    if (depth === 2) {
      if (!SAMPLE_TAGS.has(name)) this.fail("xml_unexpected_sample", { element: name });
      this.startTop(tag.attributes as Record<string, string>);
      return;
    }
    if (!this.inTop) return;
    if (SAMPLE_TAGS.has(name)) {
      this.topHasChildSample = true;
      return;
    }
    if (depth === 3 && name === "java.net.URL") this.capture("url");
    else if (depth === 3 && name === "method") this.capture("method");
    else if (depth === 4 && name === "failureMessage" && this.stack[2] === "assertionResult" && !this.sample.failureMessage)
      this.capture("failureMessage");
  }

  private capture(target: "url" | "method" | "failureMessage"): void {
    this.text = [];
    this.textTarget = target;
  }

  private close(tag: SaxesTagPlain): void {
    const depth = this.stack.length;
    if (this.text && this.textTarget) {
      const value = this.text.join("");
      if (this.textTarget === "url") this.sample.url = value.trim();
      else if (this.textTarget === "method") this.method = value.trim();
      else this.sample.failureMessage = value;
      this.text = null;
      this.textTarget = null;
    }
    if (depth === 2 && this.inTop) {
      const s = this.sample;
      if (this.topHasChildSample && s.responseMessage.startsWith(TRANSACTION_MESSAGE_PREFIX)) s.isTransaction = true;
      this.inTop = false;
      s.method = this.method;
      this.onSample(s);
    }
    this.stack.pop();
    this.indexes.pop();
    void tag;
  }

  /** A whole-number attribute; `fallback` when absent or empty. */
  private int(a: Record<string, string>, key: string, fallback: number): number {
    const v = a[key];
    if (v === undefined || v === "") return fallback;
    const n = Number(v);
    if (!Number.isInteger(n)) this.fail("xml_attribute_not_integer", { attribute: key, value: v.slice(0, 40) });
    return n;
  }

  private startTop(a: Record<string, string>): void {
    const s = this.sample;
    const t = this.int(a, "t", Number.NaN);
    const ts = this.int(a, "ts", Number.NaN);
    if (Number.isNaN(t) || Number.isNaN(ts)) this.fail("xml_sample_missing_time", {});
    s.elapsedMs = t;
    s.idleMs = this.int(a, "it", 0);
    s.startMs = this.options.timestampIsEnd ? ts - t : ts;
    s.label = a.lb ?? "";
    s.threadName = a.tn ?? "";
    const ok = a.s;
    if (ok !== "true" && ok !== "false") this.fail("xml_success_not_boolean", { value: (ok ?? "").slice(0, 20) });
    s.success = ok === "true";
    s.responseCode = a.rc ?? "";
    s.responseMessage = a.rm ?? "";
    s.failureMessage = "";
    s.bytes = this.int(a, "by", 0);
    s.sentBytes = this.int(a, "sby", 0);
    s.latencyMs = this.int(a, "lt", 0);
    s.connectMs = this.int(a, "ct", 0);
    s.sampleCount = this.int(a, "sc", 1);
    s.errorCount = a.ec !== undefined ? this.int(a, "ec", 0) : s.success ? 0 : 1;
    s.url = "";
    s.isTransaction = s.responseMessage.startsWith(TRANSACTION_MESSAGE_PREFIX) && !a.dt;
    this.method = "";
    this.inTop = true;
    this.topHasChildSample = false;
  }
}

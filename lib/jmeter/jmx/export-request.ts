/**
 * A request step → an HTTP Request sampler with its header manager, assertions (status with
 * "Ignore status", body, Duration Assertion for maxMs) and extractors (match number, default).
 */
import type { TExtractor, TRequest } from "../../engine/scenario";
import type { TStepCtx } from "./export-steps";
import { jmeterText } from "./export-text";
import { Out, arguments_, bool, esc, hashOf, headerManager, str } from "./export-xml";

export function request(ctx: TStepCtx, r: TRequest, at: string): void {
  const { o } = ctx;
  const t = (s: string) => jmeterText(s, ctx.text);
  const tPairs = (pairs: Record<string, string | number | boolean>) =>
    Object.fromEntries(Object.entries(pairs).map(([k, v]) => [t(k), t(String(v))]));
  const name = t(r.name ?? `${r.method} ${r.path}`);
  const path = /^https?:\/\//.test(r.path) ? t(r.path) : ctx.basePath + t(r.path);
  const raw = r.json !== undefined || r.body !== undefined;
  const multipart = r.multipart !== undefined;
  o.open(`<HTTPSamplerProxy guiclass="HttpTestSampleGui" testclass="HTTPSamplerProxy" testname="${esc(name)}" enabled="true">`);
  if (raw) o.line(bool("HTTPSampler.postBodyRaw", true));
  if (raw) {
    const body = t(r.json !== undefined ? JSON.stringify(r.json) : (r.body as string));
    o.open('<elementProp name="HTTPsampler.Arguments" elementType="Arguments">');
    o.open('<collectionProp name="Arguments.arguments">');
    o.open('<elementProp name="" elementType="HTTPArgument">');
    o.line(bool("HTTPArgument.always_encode", false));
    o.line(str("Argument.value", body));
    o.line(str("Argument.metadata", "="));
    o.close("</elementProp>");
    o.close("</collectionProp>");
    o.close("</elementProp>");
  } else {
    const pairs = tPairs(r.query ?? r.form ?? r.multipart?.fields ?? {});
    if (r.query && (r.form || r.multipart)) ctx.note(at, "query and a form body together: the query went into the path");
    arguments_(o, "HTTPsampler.Arguments", pairs, "HTTPArgumentsPanel", "HTTPArgument");
  }
  if (multipart) multipartFiles(ctx, r, at);
  o.line(str("HTTPSampler.domain", ""));
  o.line(str("HTTPSampler.port", ""));
  o.line(str("HTTPSampler.protocol", ""));
  o.line(str("HTTPSampler.contentEncoding", "UTF-8"));
  o.line(str("HTTPSampler.path", path));
  o.line(str("HTTPSampler.method", r.method));
  o.line(bool("HTTPSampler.follow_redirects", r.followRedirects));
  o.line(bool("HTTPSampler.auto_redirects", false));
  o.line(bool("HTTPSampler.use_keepalive", true));
  o.line(bool("HTTPSampler.DO_MULTIPART_POST", multipart));
  o.line(str("HTTPSampler.connect_timeout", ""));
  o.line(str("HTTPSampler.response_timeout", Math.round(r.timeoutSeconds * 1000)));
  o.close("</HTTPSamplerProxy>");
  o.open("<hashTree>");
  const headers = tPairs(r.headers ?? {});
  if (r.json !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type"))
    headers["Content-Type"] = "application/json";
  if (Object.keys(headers).length) headerManager(o, headers);
  const e = r.expect;
  if (e?.status !== undefined) {
    const codes = Array.isArray(e.status) ? e.status : [e.status];
    // One pattern: JMeter 2.13 requires every pattern of an assertion to match (no OR before 3.2).
    // "Ignore status": the listed codes replace JMeter's rule that 4xx/5xx fail, as in the engine.
    assertion(o, "status", "Assertion.response_code", codes.length === 1 ? 8 : 1, codes.join("|"), true);
  }
  if (e?.bodyContains !== undefined) assertion(o, "body contains", "Assertion.response_data", 16, t(e.bodyContains));
  if (e?.bodyNotContains !== undefined) assertion(o, "body does not contain", "Assertion.response_data", 16 | 4, t(e.bodyNotContains));
  if (e?.maxMs !== undefined) {
    o.open('<DurationAssertion guiclass="DurationAssertionGui" testclass="DurationAssertion" testname="maxMs" enabled="true">');
    // JMeter fails a sample whose elapsed time is above this many whole milliseconds, as we do.
    o.line(str("DurationAssertion.duration", Math.floor(e.maxMs)));
    o.close("</DurationAssertion>");
    o.line("<hashTree/>");
    if (!Number.isInteger(e.maxMs))
      ctx.note(`${at}.expect.maxMs`, `${e.maxMs} ms: JMeter's Duration Assertion takes whole milliseconds (${Math.floor(e.maxMs)})`);
  }
  for (const [variable, checks] of Object.entries(e?.variables ?? {}))
    for (const [check, value] of Object.entries(checks)) {
      if (value === undefined) continue;
      // JMeter runs assertions after every post-processor, so an extractor of this sampler has set the variable.
      assertion(
        o,
        `${variable} ${check}`,
        "Assertion.response_data",
        VARIABLE_TEST_TYPE[check as keyof typeof VARIABLE_TEST_TYPE],
        t(value),
        false,
        variable,
      );
    }
  if (e?.json) ctx.note(`${at}.expect.json`, "JSON expectations are not exported (JSON Assertion needs JMeter ≥ 4)");
  for (const [name, x] of Object.entries(r.extract ?? {})) extractor(ctx, name, x, `${at}.extract.${name}`);
  o.close("</hashTree>");
}

/** multipart files: inline contents are written next to the plan, named as the upload names them. */
function multipartFiles(ctx: TStepCtx, r: TRequest, at: string): void {
  const { o } = ctx;
  const files = r.multipart?.files ?? [];
  if (r.method !== "POST") ctx.note(at, `multipart ${r.method}: JMeter 2.13 sends multipart bodies with POST only`);
  // Measured: 2.13 opens a relative upload path from its working directory (a CSV Data Set's from the plan's).
  if (files.some((f) => f.file === undefined || !f.file.startsWith("/")))
    ctx.note(at, "JMeter 2.13 reads upload files relative to the directory it runs in, not the plan's: run it from the plan's folder");
  o.open('<elementProp name="HTTPsampler.Files" elementType="HTTPFileArgs">');
  if (files.length === 0) o.line('<collectionProp name="HTTPFileArgs.files"/>');
  else {
    o.open('<collectionProp name="HTTPFileArgs.files">');
    files.forEach((f, i) => {
      let file = f.file;
      if (file === undefined) {
        // JMeter sends the file's own name: the written file carries the name the upload declares.
        const base = (f.filename ?? f.field).replace(/[\\/]/g, "_");
        file = `${ctx.filePrefix}/${base}`;
        if (ctx.files[file] !== undefined && ctx.files[file] !== f.content) file = `${ctx.filePrefix}/${i + 1}/${base}`;
        ctx.files[file] = f.content ?? "";
        ctx.note(`${at}.multipart.files.${i}`, `inline content written to ${file}: put it next to the plan`);
        if (f.content?.includes("${"))
          ctx.note(`${at}.multipart.files.${i}`, "templates in file content are sent as written: JMeter sends a file's bytes");
      } else if (f.filename !== undefined && f.filename !== file.split(/[\\/]/).pop()) {
        ctx.note(`${at}.multipart.files.${i}`, `file name ${f.filename}: JMeter 2.13 sends the file's own name`);
      }
      o.open(`<elementProp name="${esc(file)}" elementType="HTTPFileArg">`);
      o.line(str("File.path", file));
      o.line(str("File.paramname", f.field));
      o.line(str("File.mimetype", f.contentType));
      o.close("</elementProp>");
    });
    o.close("</collectionProp>");
  }
  o.close("</elementProp>");
}

function extractor(ctx: TStepCtx, name: string, x: TExtractor, at: string): void {
  const { o } = ctx;
  const matchNumber = String(x.match ?? 1);
  const fallback = x.default ?? "";
  if (x.default === undefined && !ctx.notedExtractorFailure) {
    ctx.notedExtractorFailure = true;
    ctx.note(
      at,
      "extractors without a default fail the sample when nothing matches; JMeter's never fail it (the variable is set to empty)",
    );
  }
  if ("json" in x && ctx.version === "3") {
    o.open(`<JSONPostProcessor guiclass="JSONPostProcessorGui" testclass="JSONPostProcessor" testname="${esc(name)}" enabled="true">`);
    o.line(str("JSONPostProcessor.referenceNames", name));
    o.line(str("JSONPostProcessor.jsonPathExprs", x.json));
    o.line(str("JSONPostProcessor.match_numbers", matchNumber));
    o.line(str("JSONPostProcessor.defaultValues", fallback));
    o.close("</JSONPostProcessor>");
    o.line("<hashTree/>");
    return;
  }
  let regex: string;
  let group = 1;
  let useHeaders = false;
  if ("json" in x) {
    const key = /^\$\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(x.json);
    if (!key) {
      ctx.note(at, `JSON path ${x.json} needs JMeter ≥ 3 (JSON Extractor): not exported`);
      return;
    }
    regex = `"${key[1]}"\\s*:\\s*"?([^",}]*)`;
    ctx.note(at, `JSON path ${x.json} exported as a regular expression for JMeter 2.13`);
  } else if ("header" in x) {
    regex = `(?i)${x.header}:\\s*(.*)`;
    useHeaders = true;
  } else {
    regex = x.regex;
    // The engine's default: group 1, or the whole match (0) when the regex has no group.
    group = x.group ?? (/\((?!\?)/.test(x.regex.replace(/\\./g, "")) ? 1 : 0);
  }
  o.open(`<RegexExtractor guiclass="RegexExtractorGui" testclass="RegexExtractor" testname="${esc(name)}" enabled="true">`);
  o.line(str("RegexExtractor.useHeaders", String(useHeaders)));
  o.line(str("RegexExtractor.refname", name));
  o.line(str("RegexExtractor.regex", regex));
  o.line(str("RegexExtractor.template", `$${group}$`));
  o.line(str("RegexExtractor.default", fallback));
  o.line(str("RegexExtractor.match_number", matchNumber));
  o.close("</RegexExtractor>");
  o.line("<hashTree/>");
}

/** expect.variables checks → Response Assertion test types: 8 equals, 16 substring, 2 contains (regex found); +4 not. */
const VARIABLE_TEST_TYPE = { equals: 8, notEquals: 8 | 4, contains: 16, notContains: 16 | 4, matches: 2, notMatches: 2 | 4 } as const;

function assertion(o: Out, name: string, field: string, type: number, text: string, ignoreStatus = false, variable?: string): void {
  o.open(`<ResponseAssertion guiclass="AssertionGui" testclass="ResponseAssertion" testname="${esc(name)}" enabled="true">`);
  o.open('<collectionProp name="Asserion.test_strings">');
  o.line(str(String(hashOf(text)), text));
  o.close("</collectionProp>");
  o.line(str("Assertion.test_field", field));
  o.line(bool("Assertion.assume_success", ignoreStatus));
  o.line(`<intProp name="Assertion.test_type">${type}</intProp>`);
  if (variable !== undefined) {
    o.line(str("Assertion.scope", "variable"));
    o.line(str("Scope.variable", variable));
  }
  o.close("</ResponseAssertion>");
  o.line("<hashTree/>");
}

/**
 * One HTTP sampler → one request: target (sampler fields, then HTTP Request Defaults in scope,
 * closest first, as JMeter merges them), parameters and bodies, headers, assertions, extractors.
 * The origin is kept as template text (`http://${Server}:${port}`), never put through `new URL()`:
 * JMeter plans name hosts with variables and properties all the time.
 */
import type { TExpect, TExtractor, TVariableCheck } from "../../engine/scenario";
import { collectionProp, elementProp, prop, type TJmxElement } from "./jmx-tree";
import type { TCtx, TRequestIn, TScope } from "./import-context";
import { cappedSeconds } from "./import-seconds";
import { jmxReason, type TJmxReason } from "./jmx-reason-codes";

const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/** A sampler's target as template text, and whether it names a host that can be resolved. */
export interface TTarget {
  origin: string;
  path: string;
  usable: boolean;
  why?: TJmxReason;
}

/** The first non-empty value of a field: the sampler's, then the closest defaults'. */
function field(e: TJmxElement, scope: TScope, name: string): { value: string; from: TJmxElement } | undefined {
  for (const x of [e, ...scope.defaults]) {
    const v = prop(x.props, name);
    if (v !== undefined && v.trim() !== "") return { value: v, from: x };
  }
  return undefined;
}

export function targetOf(e: TJmxElement, scope: TScope, ctx: TCtx): TTarget {
  let path = ctx.text(e, (field(e, scope, "HTTPSampler.path")?.value ?? "").trim());
  const absolute = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(path);
  if (absolute && !absolute[2])
    return { origin: "", path: normalisePath(absolute[3] as string), usable: false, why: jmxReason("url_no_host", { url: path }) };
  if (absolute) {
    const origin = `${(absolute[1] as string).toLowerCase()}://${absolute[2]}`;
    return { origin, path: normalisePath(absolute[3] as string), ...usability(absolute[2] as string, ctx) };
  }
  path = normalisePath(path);
  const domainField = field(e, scope, "HTTPSampler.domain");
  let domain = domainField ? ctx.text(domainField.from, domainField.value.trim()) : "";
  let protocol = ctx.text(e, (field(e, scope, "HTTPSampler.protocol")?.value ?? "http").trim()) || "http";
  if (!protocol.includes("${")) protocol = protocol.toLowerCase();
  // People paste whole URLs into "Server Name or IP": JMeter then fails, we take the URL apart.
  const pasted = /^(https?):\/\/([^/?#]*)/i.exec(domain);
  if (pasted) {
    ctx.approx(domainField!.from, jmxReason("server_holds_url", { domain }));
    protocol = (pasted[1] as string).toLowerCase();
    domain = pasted[2] as string;
  } else domain = domain.replace(/\/+$/, "");
  if (!domain) return { origin: "", path, usable: false, why: jmxReason("no_server_name", {}) };
  const portField = field(e, scope, "HTTPSampler.port");
  let port = portField ? ctx.text(portField.from, portField.value.trim()) : "";
  const hostPort = /^(.*):(\d+)$/.exec(domain);
  if (pasted && hostPort) {
    domain = hostPort[1] as string;
    port = hostPort[2] as string;
  }
  if (port && !port.includes("${") && !/^\d+$/.test(port)) {
    // JMeter ignores a port that is not a number and uses the scheme's default.
    ctx.approx(portField!.from, jmxReason("port_nan", { port, protocol }));
    port = "";
  }
  if ((protocol === "http" && port === "80") || (protocol === "https" && port === "443")) port = "";
  if (!/^\$\{|^https?$/.test(protocol)) {
    ctx.approx(e, jmxReason("protocol_http", { protocol }));
    protocol = "http";
  }
  const origin = `${protocol}://${domain}${port ? `:${port}` : ""}`;
  const u = usability(`${domain}${port}`, ctx);
  return { origin, path, ...u };
}

function normalisePath(path: string): string {
  if (path === "") return "/";
  return path.startsWith("/") || path.startsWith("${") ? path : `/${path}`;
}

/** A host is usable when every reference in it has a value: a variable, a launch parameter, a CSV column. */
function usability(hostText: string, ctx: TCtx): { usable: boolean; why?: TJmxReason } {
  if (!hostText.replace(/\$\{[^}]*\}/g, "x").replace(/:.*/, "")) return { usable: false, why: jmxReason("empty_server_name", {}) };
  for (const m of hostText.matchAll(/\$\{([^}]*)\}/g)) {
    const inner = m[1] as string;
    if (/^__P\(/.test(inner)) continue; // a launch parameter: its default, or required at launch
    if (/^__env\([^,]*,/.test(inner)) continue;
    if (ctx.placeholders.has(inner)) return { usable: false, why: jmxReason("server_function", { expr: `\${${inner}}` }) };
    if ((ctx.variables[inner] ?? "") !== "" || ctx.runtimeNames.has(inner)) continue;
    return { usable: false, why: jmxReason("server_variable_unset", { expr: `\${${inner}}` }) };
  }
  return { usable: true };
}

export function requestOf(e: TJmxElement, scope: TScope, target: TTarget, baseUrl: string, ctx: TCtx): TRequestIn | undefined {
  const p = e.props;
  const method = (prop(p, "HTTPSampler.method") || "GET").trim().toUpperCase();
  if (!HTTP_METHODS.has(method)) {
    ctx.skip(e, jmxReason("method_unsupported", { method }));
    ctx.outcomes.set(e, { usable: false, why: jmxReason("method_unsupported_outcome", { method }) });
    return undefined;
  }
  const path = target.origin && target.origin !== baseUrl ? target.origin + target.path : target.path;
  const request: TRequestIn = { name: ctx.text(e, e.testname) || `${method} ${path}`, method, path };
  const args = [...argsOf(e), ...scope.defaults.flatMap(argsOf)].map((a) => ({ name: ctx.text(e, a.name), value: ctx.text(e, a.value) }));
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(scope.headers)) headers[ctx.text(e, k)] = ctx.text(e, v);
  const files = (collectionProp(elementProp(p, "HTTPsampler.Files")?.props ?? [], "HTTPFileArgs.files") ?? [])
    .flatMap((f) =>
      f.kind === "element"
        ? [
            {
              path: ctx.text(e, prop(f.props, "File.path") ?? ""),
              field: ctx.text(e, prop(f.props, "File.paramname") ?? ""),
              type: prop(f.props, "File.mimetype") ?? "",
            },
          ]
        : [],
    )
    .filter((f) => f.path);
  if (prop(p, "HTTPSampler.postBodyRaw") === "true") {
    const body = args.map((a) => a.value).join("");
    const ct = Object.keys(headers).find((h) => h.toLowerCase() === "content-type");
    const scenarioCt = Object.entries(ctx.scenarioHeaders).find(([h]) => h.toLowerCase() === "content-type")?.[1];
    let json: unknown;
    if (ct ? /json/i.test(headers[ct] ?? "") : /json/i.test(scenarioCt ?? "")) {
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
    }
    if (json !== undefined) {
      request.json = json;
      if (ct) delete headers[ct];
    } else request.body = body;
  } else if (files.length > 0 && !["GET", "HEAD", "OPTIONS"].includes(method)) {
    if (prop(p, "HTTPSampler.DO_MULTIPART_POST") !== "true" && files.length === 1 && !files[0]!.field && args.length === 0) {
      ctx.approx(e, jmxReason("file_as_body", { path: files[0]!.path }));
    } else ctx.approx(e, jmxReason("file_uploads", {}));
    request.multipart = {
      ...(args.length ? { fields: Object.fromEntries(args.map((a) => [a.name, a.value])) } : {}),
      files: files.map((f) => ({ field: f.field || "file", file: f.path, ...(f.type ? { contentType: ctx.text(e, f.type) } : {}) })),
    };
  } else if (args.length > 0 || files.length > 0) {
    if (files.length > 0) ctx.skip(e, jmxReason("files_not_sent", { method }));
    if (args.some((a) => !a.name)) ctx.approx(e, jmxReason("unnamed_parameters", {}));
    const pairs = Object.fromEntries(args.filter((a) => a.name).map((a) => [a.name, a.value]));
    if (Object.keys(pairs).length === 0) {
      // nothing to send
    } else if (["GET", "HEAD", "DELETE", "OPTIONS"].includes(method)) request.query = pairs;
    else if (prop(p, "HTTPSampler.DO_MULTIPART_POST") === "true") request.multipart = { fields: pairs };
    else request.form = pairs;
  }
  if (Object.keys(headers).length) request.headers = headers;
  const timeout = ctx.num(e, field(e, scope, "HTTPSampler.response_timeout")?.value, "response timeout");
  if (timeout && timeout > 0) request.timeoutSeconds = cappedSeconds(ctx, e, timeout / 1000, "response timeout");
  // "Follow Redirects" (sub-samples) and "Redirect Automatically" (inside the HTTP client) both
  // follow; JMeter reads an absent property as false. Our default is to follow.
  if (prop(p, "HTTPSampler.follow_redirects") !== "true" && prop(p, "HTTPSampler.auto_redirects") !== "true")
    request.followRedirects = false;
  if (prop(p, "HTTPSampler.image_parser") === "true" || field(e, scope, "HTTPSampler.image_parser")?.value === "true")
    ctx.approx(e, jmxReason("embedded_resources", {}));
  if (prop(p, "HTTPSampler.use_keepalive") === "false") ctx.approx(e, jmxReason("keepalive_off", {}));
  if ((prop(p, "HTTPSampler.ipSource") ?? "").trim()) ctx.skip(e, jmxReason("source_address", {}));
  const expect = expectOf(scope.assertions, ctx);
  if (expect) request.expect = expect;
  const extract = extractOf(scope.extractors, ctx);
  if (extract) request.extract = extract;
  return request;
}

function argsOf(e: TJmxElement): { name: string; value: string }[] {
  return (collectionProp(elementProp(e.props, "HTTPsampler.Arguments")?.props ?? [], "Arguments.arguments") ?? []).flatMap((a) =>
    a.kind === "element" ? [{ name: prop(a.props, "Argument.name") ?? "", value: prop(a.props, "Argument.value") ?? "" }] : [],
  );
}

/** Extractors and assertions other than the Response Assertion scoped to a JMeter variable: no counterpart. */
function onVariable(a: TJmxElement, ctx: TCtx): boolean {
  const scope = prop(a.props, "Assertion.scope") ?? prop(a.props, "Sample.scope");
  if (scope !== "variable") return false;
  ctx.skip(a, jmxReason("assertion_on_variable", { variable: prop(a.props, "Scope.variable") ?? "?" }));
  return true;
}

/**
 * A Response Assertion scoped to a variable → `expect.variables[name]`. Test type bits: 1 Matches
 * (whole value, anchored), 2 Contains (regex found anywhere), 8 Equals, 16 Substring; 4 negates;
 * 32 ORs several strings, which one check cannot say: the first is kept.
 */
function variableCheckOf(a: TJmxElement, strings: string[], type: number, out: TExpect, ctx: TCtx): void {
  const name = ctx.text(a, (prop(a.props, "Scope.variable") ?? "").trim());
  const text = strings[0];
  if (!name || text === undefined) {
    ctx.skip(a, jmxReason("variable_assertion_empty", {}));
    return;
  }
  const not = (type & 4) !== 0;
  if (strings.length > 1)
    ctx.approx(a, jmxReason(type & 32 ? "variable_first_alternative" : "variable_first_pattern", { count: strings.length, name }));
  let check: keyof TVariableCheck;
  let value = text;
  if (type & 8) check = not ? "notEquals" : "equals";
  else if (type & 16) check = not ? "notContains" : "contains";
  else if (type & 1) {
    check = not ? "notMatches" : "matches";
    value = `^(?:${text})$`;
  } else check = not ? "notMatches" : "matches";
  if (check.endsWith("atches") && !text.includes("${")) {
    try {
      new RegExp(value);
    } catch {
      ctx.skip(a, jmxReason("pattern_not_regex", { pattern: JSON.stringify(text) }));
      return;
    }
  }
  const checks = (out.variables ??= {});
  const mine = (checks[name] ??= {});
  if (mine[check] !== undefined && mine[check] !== value)
    ctx.approx(
      a,
      jmxReason("variable_check_replaced", { check, value: JSON.stringify(value), previous: JSON.stringify(mine[check]), name }),
    );
  mine[check] = value;
}

/** Response Assertion: Assertion.test_type bits — 1 matches, 2 contains, 4 not, 8 equals, 16 substring, 32 or. */
function expectOf(assertions: TJmxElement[], ctx: TCtx): TExpect | undefined {
  const out: TExpect = {};
  for (const a of assertions) {
    if (a.testclass !== "ResponseAssertion" && onVariable(a, ctx)) continue;
    if (a.testclass === "DurationAssertion") {
      const ms = ctx.num(a, prop(a.props, "DurationAssertion.duration"), "duration");
      if (ms && ms > 0) out.maxMs = out.maxMs === undefined ? ms : Math.min(out.maxMs, ms);
      continue;
    }
    if (a.testclass === "JSONPathAssertion") {
      // JMeter 4+: the value at JSON_PATH must equal EXPECTED_VALUE (when "additionally assert value").
      const path = ctx.text(a, prop(a.props, "JSON_PATH") ?? "");
      const exact =
        prop(a.props, "JSONVALIDATION") === "true" &&
        prop(a.props, "ISREGEX") !== "true" &&
        prop(a.props, "INVERT") !== "true" &&
        prop(a.props, "EXPECT_NULL") !== "true";
      if (!path || !exact) {
        ctx.skip(a, jmxReason("json_assertion", {}));
        continue;
      }
      const raw = ctx.text(a, prop(a.props, "EXPECTED_VALUE") ?? "");
      let value: unknown = raw;
      try {
        value = JSON.parse(raw); // JMeter compares numbers, booleans and objects by their JSON
      } catch {
        value = raw;
      }
      out.json = { ...(out.json ?? {}), [path]: value };
      continue;
    }
    if (a.testclass !== "ResponseAssertion") {
      ctx.skip(a, jmxReason("assertion_no_equivalent", {}));
      continue;
    }
    const field = prop(a.props, "Assertion.test_field") ?? "Assertion.response_data";
    const type = Number(prop(a.props, "Assertion.test_type") ?? "2");
    const strings = (collectionProp(a.props, "Asserion.test_strings") ?? collectionProp(a.props, "Assertion.test_strings") ?? []).flatMap(
      (s) => (s.kind === "value" ? [ctx.text(a, s.value)] : []),
    );
    const scope = prop(a.props, "Assertion.scope") ?? prop(a.props, "Sample.scope");
    if (scope === "variable") {
      // JMeter then checks the variable whatever the test field says.
      variableCheckOf(a, strings, type, out, ctx);
      continue;
    }
    const not = (type & 4) !== 0;
    if (prop(a.props, "Assertion.assume_success") === "true") ctx.approx(a, jmxReason("ignore_status", {}));
    if (field === "Assertion.response_code") {
      const statuses = strings.flatMap((s) => s.split("|")).map((s) => s.trim().replace(/^\^|\$$/g, ""));
      if (not || statuses.length === 0 || statuses.some((s) => !/^\d{3}$/.test(s))) {
        ctx.skip(a, jmxReason("status_positive_only", {}));
        continue;
      }
      const codes = statuses.map(Number);
      if (out.status !== undefined) ctx.approx(a, jmxReason("status_last_kept", {}));
      out.status = codes.length === 1 ? (codes[0] as number) : codes;
    } else if (field === "Assertion.response_data" || field === "Assertion.response_data_as_document") {
      const text = strings[0];
      if (text === undefined) continue;
      if (strings.length > 1) ctx.approx(a, jmxReason("body_first_pattern", { count: strings.length }));
      if ((type & 2 || type & 1) && /[\\^$.*+?()[\]{}|]/.test(text.replace(/\$\{[^}]*\}/g, "")))
        ctx.approx(a, jmxReason("body_regex_plain", {}));
      if (type & 8 || type & 1) ctx.approx(a, jmxReason("body_equals_contains", {}));
      const key = not ? "bodyNotContains" : "bodyContains";
      if (out[key] !== undefined && out[key] !== text)
        ctx.approx(
          a,
          jmxReason(not ? "body_must_not_contain_replaced" : "body_must_contain_replaced", { text, previous: String(out[key]) }),
        );
      out[key] = text;
    } else ctx.skip(a, jmxReason("assertion_field", { field: field.replace("Assertion.", "") }));
  }
  return Object.keys(out).length ? out : undefined;
}

/** JMeter's match number: 1 (default) the first, N the Nth, 0 random, -1 all (name_1 … name_N). */
function matchOf(raw: string | undefined): number | undefined {
  const n = Number((raw ?? "").trim() || "1");
  return Number.isSafeInteger(n) && n >= -1 && n !== 1 ? n : undefined;
}

function withExtras(
  x: TExtractor,
  match: string | undefined,
  def: string | undefined,
  emptyDefault: boolean,
  e: TJmxElement,
  ctx: TCtx,
): TExtractor {
  const m = matchOf(match);
  const out = { ...x, ...(m !== undefined ? { match: m } : {}) } as TExtractor;
  if ((def ?? "") !== "" || emptyDefault) out.default = ctx.text(e, def ?? "");
  return out;
}

function extractOf(extractors: TJmxElement[], ctx: TCtx): Record<string, TExtractor> | undefined {
  const out: Record<string, TExtractor> = {};
  const put = (x: TJmxElement, name: string, value: TExtractor) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      ctx.skip(x, jmxReason("variable_name_invalid", { name }));
      return;
    }
    if (value.default === undefined) ctx.approx(x, jmxReason("extractor_no_default", { name }));
    out[name] = value;
  };
  for (const x of extractors) {
    if (onVariable(x, ctx)) continue;
    if (x.testclass === "RegexExtractor") {
      const name = (prop(x.props, "RegexExtractor.refname") ?? "").trim();
      const regex = prop(x.props, "RegexExtractor.regex") ?? "";
      const template = prop(x.props, "RegexExtractor.template") ?? "$1$";
      const useHeaders = prop(x.props, "RegexExtractor.useHeaders") ?? "false";
      if (!name || !regex) continue;
      const extras = (base: TExtractor) =>
        withExtras(
          base,
          prop(x.props, "RegexExtractor.match_number"),
          prop(x.props, "RegexExtractor.default"),
          prop(x.props, "RegexExtractor.default_empty_value") === "true",
          x,
          ctx,
        );
      if (useHeaders === "true") {
        const header = /^\(\?i\)\^?([A-Za-z0-9-]+):\\s\*\(\.\*\)$/.exec(regex);
        if (header) put(x, name, extras({ header: header[1] as string }));
        else ctx.skip(x, jmxReason("header_regex", {}));
        continue;
      }
      if (useHeaders !== "false" && useHeaders !== "") {
        ctx.skip(x, jmxReason("regex_over", { field: useHeaders }));
        continue;
      }
      const group = /^\$(\d+)\$$/.exec(template);
      if (!group) ctx.approx(x, jmxReason("template_group", { template }));
      put(x, name, extras({ regex: ctx.text(x, regex), group: group ? Number(group[1]) : 1 }));
    } else if (x.testclass === "BoundaryExtractor") {
      const name = (prop(x.props, "BoundaryExtractor.refname") ?? "").trim();
      const left = prop(x.props, "BoundaryExtractor.lboundary") ?? "";
      const right = prop(x.props, "BoundaryExtractor.rboundary") ?? "";
      if (!name) continue;
      put(
        x,
        name,
        withExtras(
          { regex: `${escapeRegex(left)}([\\s\\S]*?)${escapeRegex(right)}`, group: 1 },
          prop(x.props, "BoundaryExtractor.match_number"),
          prop(x.props, "BoundaryExtractor.default"),
          prop(x.props, "BoundaryExtractor.default_empty_value") === "true",
          x,
          ctx,
        ),
      );
    } else if (x.testclass === "JSONPostProcessor") {
      const names = (prop(x.props, "JSONPostProcessor.referenceNames") ?? "").split(";");
      const paths = (prop(x.props, "JSONPostProcessor.jsonPathExprs") ?? "").split(";");
      const matches = (prop(x.props, "JSONPostProcessor.match_numbers") ?? "").split(";");
      const defaults = (prop(x.props, "JSONPostProcessor.defaultValues") ?? "").split(";");
      if (prop(x.props, "JSONPostProcessor.compute_concat") === "true") ctx.approx(x, jmxReason("compute_concat", {}));
      names.forEach((n, i) => {
        if (n.trim() && paths[i]?.trim())
          put(x, n.trim(), withExtras({ json: ctx.text(x, (paths[i] as string).trim()) }, matches[i], defaults[i], false, x, ctx));
      });
    } else if (x.testclass.endsWith("JSONPathExtractor")) {
      const name = prop(x.props, "VAR");
      const path = prop(x.props, "JSONPATH");
      if (name && path) put(x, name, withExtras({ json: ctx.text(x, path) }, undefined, prop(x.props, "DEFAULT"), false, x, ctx));
    } else ctx.skip(x, jmxReason("extractor_no_equivalent", {}));
  }
  return Object.keys(out).length ? out : undefined;
}

function escapeRegex(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}

export function headersOf(e: TJmxElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of collectionProp(e.props, "HeaderManager.headers") ?? [])
    if (h.kind === "element") out[prop(h.props, "Header.name") ?? ""] = prop(h.props, "Header.value") ?? "";
  delete out[""];
  return out;
}

/**
 * The byte-level XML JTL reader against the saxes-based one it replaced (testing/saxes-jtl-reader.ts):
 * the same samples for random JTL documents cut into random chunks, and the same verdict (read or
 * rejected) for the same documents with random damage.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JtlAggregator, type TJtlSeries } from "../aggregate/jtl-aggregator";
import { JmeterImportError } from "../errors";
import { importJtl } from "../import-jtl";
import type { TSampleResult, TJtlSink } from "../sample";
import { SaxesJtlReader } from "./testing/saxes-jtl-reader";
import { XmlJtlReader, type TXmlJtlOptions } from "./xml-jtl-reader";

interface Outcome {
  samples: string[];
  error?: string;
}

function read(
  Reader: typeof XmlJtlReader | typeof SaxesJtlReader,
  bytes: Buffer,
  cuts: number[],
  options: TXmlJtlOptions = {},
  onSample?: (s: TSampleResult) => void,
  sink?: TJtlSink<TJtlSeries>,
): Outcome {
  const samples: string[] = [];
  const reader = new Reader(options, onSample ?? ((s: TSampleResult) => samples.push(JSON.stringify(s))), sink);
  try {
    let from = 0;
    for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
      if (cut > from) reader.push(bytes.subarray(from, cut));
      from = cut;
    }
    reader.end();
    return { samples };
  } catch (e) {
    if (!(e instanceof JmeterImportError)) throw e;
    return { samples, error: e.message };
  }
}

// ---- random JTL documents -------------------------------------------------------------------

const ws = fc.constantFrom(" ", "  ", "\n", "\r\n", "\t", "\n  ", "\r", " \n\t");
const maybeWs = fc.oneof(fc.constant(""), ws);
/** Character data pieces: plain, non-ASCII (2-, 3- and 4-byte UTF-8), references, line breaks. */
const textPiece = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(..."abcXYZ019 /:?=.-_,()[]{}#;!'"), maxLength: 8 }) },
  fc.constantFrom(
    "é",
    "ß",
    "Grüße",
    "投票",
    "😀",
    "ок",
    "\u00a0",
    "\u2028",
    "\ufeff",
    "\ufffd",
    "]",
    "]]",
    "x>",
    "\u0085",
    "\u2028",
    "\r\u0085",
  ),
  fc.constantFrom(
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&apos;",
    "&#65;",
    "&#x42;",
    "&#xe9;",
    "&#233;",
    "&#x1F600;",
    "&#10;",
    "&#13;",
    "&#9;",
    "&#32;",
    "&#160;",
  ),
  fc.constantFrom("\n", "\r\n", "\r", "\t", " "),
);
const text = fc.array(textPiece, { maxLength: 6 }).map((p) => p.join(""));
/** Attribute value text: as text, with no < and the quote escaped by the caller. */
const attrText = text;

const number = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 2_000_000_000_000 }).map(String) },
  fc.constantFrom("-5", "007", "", " 12 ", "1e3", "0x10", "12.0", "+4", "-0", "&#49;2", "1&#x30;", "99999999999999999999", "12\n"),
);
/** t and ts: a sample without them is rejected. */
const required = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 2_000_000_000_000 }).map(String) },
  fc.constantFrom("-5", "007", " 12 ", "1e3", "&#49;2", "12\n"),
);
const quote = (q: string, v: string) => (q === '"' ? v.replaceAll('"', "&quot;") : v.replaceAll("'", "&apos;"));

interface Attr {
  name: string;
  value: string;
}
const sampleAttrs = fc
  .record({
    t: required,
    ts: required,
    lt: fc.option(number),
    ct: fc.option(number),
    it: fc.option(number),
    by: fc.option(number),
    sby: fc.option(number),
    sc: fc.option(fc.constantFrom("1", "2", "0", "")),
    ec: fc.option(fc.constantFrom("0", "1", "")),
    s: fc.constantFrom("true", "false", "true", "false", "&#116;rue"),
    lb: attrText,
    rc: fc.oneof(fc.constantFrom("200", "500", "Non HTTP response code: java.net.SocketTimeoutException"), attrText),
    rm: fc.oneof(
      fc.constantFrom("OK", "Number of samples in transaction : 2, number of failing samples : 1", "Internal Server Error"),
      attrText,
    ),
    tn: fc.oneof(fc.constantFrom("Vote_Interface_Test 1-1", "incoming 2-3", "tg 1-10"), attrText),
    dt: fc.option(fc.constantFrom("", "text", "bin", "&#32;")),
    ng: fc.option(fc.constantFrom("1", "50")),
    hn: fc.option(attrText),
    "x:é": fc.option(attrText),
  })
  .map((r) => Object.entries(r).flatMap(([name, value]): Attr[] => (value === null ? [] : [{ name, value: value as string }])));

function renderAttrs(attrs: Attr[], seps: string[], quotes: string[]): string {
  return attrs
    .map((a, k) => {
      const q = quotes[k % quotes.length] as string;
      const sep = seps[k % seps.length] as string;
      return `${sep}${a.name}${k % 5 === 3 ? " = " : "="}${q}${quote(q, a.value)}${q}`;
    })
    .join("");
}

/** Children of a sample: URL, method, assertion results, response data, comments, CDATA, sub-samples. */
const leafChild = fc.oneof(
  text.map((t) => `<java.net.URL>${t}</java.net.URL>`),
  fc.tuple(text, text).map(([a, b]) => `<java.net.URL>${a}<!-- c -->${b}<![CDATA[cdata]]></java.net.URL>`),
  fc.constantFrom("GET", " POST ", "PUT").map((m) => `<method>${m}</method>`),
  text.map(
    (t) =>
      `<assertionResult><name>a</name><failure>true</failure><error>false</error><failureMessage>${t}</failureMessage></assertionResult>`,
  ),
  text.map((t) => `<responseData class="java.lang.String">${t}</responseData>`),
  text.map((t) => `<responseHeader class="java.lang.String"/>${t.replace(/[^ \n\t]/g, "")}`),
  fc.constantFrom(
    "<!-- a comment -->",
    "<!---->",
    "<![CDATA[ <not> &markup; ]] ]]>",
    "<?pi body?>",
    "<cookies/>",
    "<query a='1' b=\"&lt;\"/>",
  ),
);

function sampleDoc(depth: number): fc.Arbitrary<string> {
  const child = depth >= 2 ? leafChild : fc.oneof({ weight: 4, arbitrary: leafChild }, sampleDoc(depth + 1));
  return fc
    .record({
      tag: fc.constantFrom("httpSample", "sample"),
      attrs: sampleAttrs,
      order: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      seps: fc.array(ws, { minLength: 1, maxLength: 3 }),
      quotes: fc.array(fc.constantFrom('"', "'"), { minLength: 1, maxLength: 2 }),
      children: fc.array(fc.tuple(maybeWs, child), { maxLength: 4 }),
      close: maybeWs,
    })
    .map(({ tag, attrs, order, seps, quotes, children, close }) => {
      const shuffled = [...attrs].sort(
        (a, b) => ((a.name.length * 31 + (order[0] as number)) % 7) - ((b.name.length * 31 + (order[0] as number)) % 7),
      );
      const open = `<${tag}${renderAttrs(shuffled, seps, quotes)}${close}`;
      return children.length === 0 ? `${open}/>` : `${open}>${children.map(([w, c]) => w + c).join("")}\n</${tag}${close}>`;
    });
}

const jtl = fc
  .record({
    decl: fc.constantFrom(
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      "<?xml version='1.0'?>",
      "",
      '<?xml version="1.0" standalone="yes" ?>\r\n',
      '<?xml version="1.1"?>\u0085',
    ),
    prolog: fc.constantFrom(
      "",
      "<!-- before -->\n",
      "<?xml-stylesheet href='a'?>\n",
      '<!DOCTYPE testResults [ <!ENTITY x "y"> <!-- c --> ]>\n',
      "\n",
    ),
    samples: fc.array(fc.tuple(ws, sampleDoc(1)), { maxLength: 6 }),
    rootWs: maybeWs,
    epilog: fc.constantFrom("", "\n", "<!-- after -->\n", "\r\n \t", "\r", "<?pi?>\r"),
  })
  .map(
    ({ decl, prolog, samples, rootWs, epilog }) =>
      `${decl}${prolog}<testResults version="1.2"${rootWs}>${samples.map(([w, s]) => w + s).join("")}\n</testResults>${epilog}`,
  );

/** More runs for a long search: XML_FC_RUNS=20000 npx vitest run lib/jmeter/xml */
const runs = (n: number) => Number(process.env.XML_FC_RUNS ?? n);
const cuts = fc.array(fc.nat({ max: 4000 }), { maxLength: 12 });

describe("XmlJtlReader = the saxes reader", () => {
  it("the same samples for random JTL documents in random chunks", () => {
    fc.assert(
      fc.property(jtl, cuts, fc.boolean(), (doc, at, timestampIsEnd) => {
        const bytes = Buffer.from(doc);
        const expected = read(SaxesJtlReader, bytes, [], { timestampIsEnd });
        expect(expected.error, doc).toBeUndefined();
        expect(read(XmlJtlReader, bytes, at, { timestampIsEnd }), doc).toEqual(expected);
        expect(
          read(
            XmlJtlReader,
            bytes,
            Array.from({ length: bytes.length }, (_, k) => k),
            { timestampIsEnd },
          ),
          doc,
        ).toEqual(expected);
      }),
      { numRuns: runs(400) },
    );
  });

  it("the same aggregate through a sink (series by id, codes and messages of failed samples only)", () => {
    const aggregate = (feed: (agg: JtlAggregator) => void) => {
      const agg = new JtlAggregator({ by: "threadGroup" }, true);
      feed(agg);
      return agg.finish();
    };
    fc.assert(
      fc.property(jtl, cuts, (doc, at) => {
        const bytes = Buffer.from(doc);
        const expected = aggregate((agg) => read(SaxesJtlReader, bytes, [], {}, (s) => agg.add(s)));
        const got = aggregate((agg) => read(XmlJtlReader, bytes, at, {}, undefined, agg));
        expect(got, doc).toEqual(expected);
      }),
      { numRuns: runs(300) },
    );
  });

  /** Damage that breaks well-formedness or the JTL shape (or not: then the samples must agree). */
  const damage = fc.constantFrom(
    "<",
    ">",
    "&",
    '"',
    "'",
    "/",
    "=",
    "]]>",
    "--",
    "\u0001",
    "\ufffe",
    "&bogus;",
    "&#0;",
    "</x>",
    "<x>",
    "junk",
    " ",
    "\n",
    "<!-- ",
    "<![CDATA[",
    "?>",
    "<?xml version='1.0'?>",
    "\xff",
    "&#x;",
    "]]",
    "é",
    "\r",
    "\r\n",
    "\t",
    "&#1;",
    "&#x85;",
    "\u0085",
    "\u2028",
    "\u0090",
  );
  const damaged = fc
    .tuple(jtl, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), damage), { minLength: 1, maxLength: 3 }))
    .map(([doc, edits]) => {
      let d = doc;
      for (const [at, del, ins] of edits) {
        const k = at % (d.length + 1);
        d = d.slice(0, k) + ins + d.slice(k + del);
      }
      return d;
    });

  it("the same verdict for damaged documents: both read them (same samples) or both reject them", () => {
    fc.assert(
      fc.property(damaged, cuts, (doc, at) => {
        const bytes = Buffer.from(doc);
        const expected = read(SaxesJtlReader, bytes, []);
        const got = read(XmlJtlReader, bytes, at);
        if (expected.error === undefined) expect(got, doc).toEqual(expected);
        else expect(got.error, `${doc}\nsaxes: ${expected.error}`).toBeDefined();
      }),
      { numRuns: runs(1500) },
    );
  });

  const rawBytes = fc.constantFrom(
    [0xff],
    [0xc3],
    [0x80],
    [0xef, 0xbf],
    [0xef, 0xbf, 0xbe],
    [0xef, 0xbf, 0xbf],
    [0xef, 0xbb, 0xbf],
    [0xe2, 0x80],
    [0xf0, 0x9f, 0x98],
    [0xed, 0xa0, 0x80],
    [0x00],
    [0x0b],
    [0x7f],
    [0xc2, 0x85],
    [0xc2, 0x9f],
    [0xe2, 0x80, 0xa8],
    [0xe2, 0x80],
  );
  it("the same verdict for bytes that are not UTF-8 or not XML characters, anywhere", () => {
    fc.assert(
      fc.property(jtl, fc.array(fc.tuple(fc.nat(), rawBytes), { minLength: 1, maxLength: 3 }), cuts, (doc, edits, at) => {
        let bytes = Buffer.from(doc);
        for (const [k, b] of edits) {
          const p = k % (bytes.length + 1);
          bytes = Buffer.concat([bytes.subarray(0, p), Buffer.from(b), bytes.subarray(p)]);
        }
        const expected = read(SaxesJtlReader, bytes, []);
        const got = read(XmlJtlReader, bytes, at);
        if (expected.error === undefined) expect(got, bytes.toString("latin1")).toEqual(expected);
        else expect(got.error, `${bytes.toString("latin1")}\nsaxes: ${expected.error}`).toBeDefined();
      }),
      { numRuns: runs(1000) },
    );
  });

  it("the same samples from the fixture JMeter wrote, in any chunks", () => {
    const bytes = readFileSync(path.join(import.meta.dirname, "../fixtures/xml.jtl"));
    const expected = read(SaxesJtlReader, bytes, []);
    expect(expected.samples.length).toBeGreaterThan(400);
    for (const size of [1, 2, 3, 7, 64, 4093]) {
      const at = Array.from({ length: Math.ceil(bytes.length / size) }, (_, k) => k * size);
      expect(read(XmlJtlReader, bytes, at)).toEqual(expected);
    }
  });

  it("names the line and element path of bad input", () => {
    const head = '<?xml version="1.0" encoding="UTF-8"?>\n<testResults version="1.2">\n';
    const bad = (doc: string) => read(XmlJtlReader, Buffer.from(doc), []).error;
    expect(bad(head + '<httpSample t="1" ts="2" s="true" lb="a &nope; b"/>\n</testResults>')).toMatch(
      /^line 3, \/testResults\[1\]: not well-formed XML: undefined entity: &nope;/,
    );
    expect(bad(head + '<httpSample t="1" ts="2" s="true"></sample>\n</testResults>')).toMatch(
      /^line 3, .*not well-formed XML: unexpected close tag <\/sample> \(expected <\/httpSample>\)/,
    );
    expect(bad(head + '<httpSample t="1" t="2" s="true"/>')).toMatch(/^line 3, .*duplicate attribute: t/);
    expect(bad(head + '<httpSample t="1" ts="2" s="maybe"/>')).toMatch(
      /^line 3, \/testResults\[1\]\/httpSample\[1\]: attribute s="maybe" is not true\/false/,
    );
    expect(bad(head + "timeStamp,elapsed\n1,2\n</testResults>")).toMatch(
      /^line 3, \/testResults\[1\]: text outside any sample: "timeStamp,elapsed\\n1,2" \(mixed formats\?\)/,
    );
    expect(bad(head + '<httpSample t="1" ts="2" s="true">\n<java.net.URL>x')).toMatch(
      /^line 4, .*the file ends inside <java.net.URL> \(truncated\?\)/,
    );
    expect(bad(head + '<httpSample t="1" ts="2" s="true" lb="\u0001"/>')).toMatch(/^line 3, .*not well-formed XML: disallowed character/);
    expect(bad(head + '<httpSample t="1"ts="2"/>')).toMatch(/no whitespace between attributes/);
    expect(bad(head + "<!-- a -- b -->")).toMatch(/malformed comment/);
    expect(bad('<?xml version="1.1"?><testResults>\u007f</testResults>')).toMatch(
      /^line 1, \/testResults\[1\]: not well-formed XML: disallowed character/,
    );
    expect(bad("\n<?xml version='1.0'?><testResults/>")).toMatch(/XML declaration must be at the start/);
    expect(bad("<testResults/><testResults/>")).toMatch(/only one root/);
    expect(bad("<?xml version='1.0'?>")).toMatch(/no <testResults> element/);
  });
});

describe("importJtl XML = the saxes reader's import", () => {
  it("the fixture JMeter wrote (xml.jtl): the same aggregate", async () => {
    const bytes = readFileSync(path.join(import.meta.dirname, "../fixtures/xml.jtl"));
    const aggregator = new JtlAggregator({ by: "threadGroup" }, true);
    const reference = new SaxesJtlReader({}, (s) => aggregator.add(s));
    for (let i = 0; i < bytes.length; i += 1000) reference.push(bytes.subarray(i, i + 1000));
    reference.end();
    const expected = aggregator.finish();
    const got = await importJtl(
      (async function* () {
        yield bytes;
      })(),
      { modules: { by: "threadGroup" } },
    );
    expect({ ...got, format: undefined, warnings: undefined, warningCodes: undefined }).toEqual({
      ...expected,
      format: undefined,
      warnings: undefined,
    });
  });

  it("fails early on a long run of another format after an XML header", () => {
    const doc = Buffer.from(
      '<?xml version="1.0"?>\n<testResults>\n' + "1700000000000,120,login,200,OK,T 1-1,text,true,100,1,1,110\n".repeat(2000),
    );
    const reader = new XmlJtlReader({}, () => {});
    expect(() => {
      for (let i = 0; i < doc.length; i += 4096) reader.push(doc.subarray(i, i + 4096));
    }).toThrow(/^line 3, \/testResults\[1\]: text outside any sample: "1700000000000,120,login/);
  });
});

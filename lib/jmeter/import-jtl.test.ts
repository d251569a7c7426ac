import { describe, expect, it } from "vitest";
import { importJtl } from "./import-jtl";
import { JmeterImportError } from "./errors";
import { CsvTokenizer, fieldText } from "./csv/tokenizer";
import { aggregateReportPercent, ExactCounts } from "./aggregate/exact-counts";
import { compileDateFormat } from "./csv/timestamp";
import { formatSummaryLine213 } from "./summariser-format";

const HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,bytes,grpThreads,allThreads,Latency";

/** Feeds `text` in chunks of `size` bytes. */
async function* chunks(text: string | Buffer, size = 7): AsyncGenerator<Buffer> {
  const buf = Buffer.isBuffer(text) ? text : Buffer.from(text);
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function importError(text: string | Buffer, options = {}): Promise<JmeterImportError> {
  try {
    await importJtl(chunks(text), options);
  } catch (e) {
    expect(e).toBeInstanceOf(JmeterImportError);
    return e as JmeterImportError;
  }
  throw new Error("expected an import error");
}

describe("CsvTokenizer", () => {
  const rows = (text: string, size: number) => {
    const out: string[][] = [];
    const t = new CsvTokenizer(0x2c, (r) => out.push(Array.from({ length: r.count }, (_, i) => fieldText(r, i))));
    const buf = Buffer.from(text);
    for (let i = 0; i < buf.length; i += size) t.push(buf.subarray(i, i + size));
    t.end();
    return out;
  };
  const text = 'a,"b,1","say ""hi""\nthere"\r\nc,,"x"\n\n"last","row"';
  it("handles quotes, escaped quotes, embedded delimiters and newlines, CRLF and blank lines at any chunk split", () => {
    const expected = [
      ["a", "b,1", 'say "hi"\nthere'],
      ["c", "", "x"],
      ["last", "row"],
    ];
    for (let size = 1; size <= text.length; size++) expect(rows(text, size), `chunk ${size}`).toEqual(expected);
  });
});

describe("importJtl CSV", () => {
  const rows = [
    "1700000000000,120,login,200,OK,Vote_Interface_Test 1-1,text,true,100,1,1,110",
    '1700000000100,80,"GET /a, b",500,"Server, Error",Vote_Interface_Test 1-2,text,false,50,1,1,70',
    '1700000000300,200,Vote flow,200,"Number of samples in transaction : 2, number of failing samples : 0",incoming 2-1,,true,150,1,1,0',
  ];
  it("reads a header row by column name, in any column order", async () => {
    const text = "success,label,elapsed,timeStamp,threadName\ntrue,a,5,1700000000000,G 1-1\nfalse,b,7,1700000000001,G 1-1\n";
    const r = await importJtl(chunks(text));
    expect(r.samples).toBe(2);
    expect(r.summary.total.errors).toBe(1);
    expect(r.summary.labels.map((l) => l.label)).toEqual(["a", "b"]);
  });
  it("detects 2.13's header-less default layout, quoted fields and transaction samples", async () => {
    const r = await importJtl(chunks(rows.join("\n") + "\n"));
    expect(r.samples).toBe(3);
    expect(r.summary.labels.find((l) => l.label === "GET /a, b")?.errors).toBe(1);
    expect(r.summary.labels.find((l) => l.label === "Vote flow")?.kind).toBe("transaction");
    expect(r.summary.modules.map((m) => m.module).sort()).toEqual(["Vote_Interface_Test", "incoming"]);
    expect(r.summary.errors[0]).toMatchObject({ label: "GET /a, b", kind: "http_status", count: 1 });
  });
  it("accepts a user-given field list and other delimiters", async () => {
    const text = "1700000000000|5|a|true\n1700000000010|9|a|false\n";
    const r = await importJtl(chunks(text), {
      fields: ["timeStamp", "elapsed", "label", "success"],
      modules: { by: "fixed", module: "m" },
    });
    expect(r.csv?.delimiter).toBe("|");
    expect(r.summary.total).toMatchObject({ samples: 2, errors: 1, minMs: 5, maxMs: 9, avgMs: 7 });
    const tab = await importJtl(chunks(HEADER.replaceAll(",", "\t") + "\n" + rows[0]?.replaceAll(",", "\t") + "\n"));
    expect(tab.samples).toBe(1);
  });
  it("maps modules by label rules", async () => {
    const r = await importJtl(chunks(rows.join("\n")), {
      modules: { by: "label", rules: [{ pattern: "^GET ", module: "reads" }], fallback: "other" },
    });
    expect(r.summary.modules.map((m) => m.module).sort()).toEqual(["other", "reads"]);
  });
  it("computes elapsed as last end − first start and reports progress", async () => {
    const seen: number[] = [];
    const r = await importJtl(chunks(rows.join("\n")), { onProgress: (b) => seen.push(b) });
    expect(r.firstStartMs).toBe(1700000000000);
    expect(r.lastEndMs).toBe(1700000000500);
    expect(seen.at(-1)).toBe(Buffer.byteLength(rows.join("\n")));
  });
  it("reads timestamps written at sample end (sampleresult.timestamp.start=false)", async () => {
    const r = await importJtl(chunks(rows[0] as string), { timestampIsEnd: true });
    expect(r.firstStartMs).toBe(1700000000000 - 120);
  });
  it("parses formatted timestamps in a given zone", async () => {
    const text = "timeStamp;elapsed;label;success\n2026/11/22 02:52:00.284;139;a;true\n";
    const r = await importJtl(chunks(text), { utcOffsetMinutes: 60 });
    expect(r.firstStartMs).toBe(Date.UTC(2026, 10, 22, 1, 52, 0, 284));
  });
});

describe("importJtl XML", () => {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<testResults version="1.2">
<httpSample t="10" lt="9" ts="1700000000000" s="true" lb="GET /a" rc="200" rm="OK" tn="TG 1-1" dt="text" by="100" ng="1" na="1">
  <java.net.URL>http://127.0.0.1/a</java.net.URL>
  <httpSample t="4" ts="1700000000001" s="true" lb="GET /a-redirect" rc="200" rm="OK" tn="TG 1-1" dt="text" by="10"/>
</httpSample>
<sample t="30" ts="1700000000020" s="false" lb="flow" rc="500" rm="Number of samples in transaction : 1, number of failing samples : 1" tn="TG 1-1" dt="" by="5">
  <httpSample t="29" ts="1700000000020" s="false" lb="GET /b" rc="500" rm="err" tn="TG 1-1" dt="text" by="5"/>
</sample>
</testResults>
`;
  it("counts only top-level samples and recognises nested transactions", async () => {
    const r = await importJtl(chunks(xml, 13));
    expect(r.format).toBe("xml");
    expect(r.samples).toBe(2);
    const flow = r.summary.labels.find((l) => l.label === "flow");
    expect(flow).toMatchObject({ kind: "transaction", errors: 1 });
    expect(r.summary.labels.find((l) => l.label === "GET /a")?.url).toBe("http://127.0.0.1/a");
    expect(r.summary.errors[0]?.kind).toBe("transaction");
  });
  it("names the element of a bad attribute", async () => {
    const e = await importError(xml.replace('t="30"', 't="x"'));
    expect(e.message).toMatch(/testResults\[1\]\/sample\[1\].*attribute t="x"/);
  });
  it("rejects a truncated file with the open element", async () => {
    const e = await importError(xml.slice(0, xml.indexOf("<sample")));
    expect(e.message).toMatch(/ends inside <testResults>/);
  });
  it("rejects a JMX plan given as results", async () => {
    const e = await importError('<?xml version="1.0"?>\n<jmeterTestPlan version="1.2"><hashTree/></jmeterTestPlan>');
    expect(e.message).toMatch(/JMX test plan/);
  });
});

describe("bad CSV input names the line", () => {
  const good = `${HEADER}\n1700000000000,120,login,200,OK,T 1-1,text,true,100,1,1,110\n`;
  it("a truncated last row", async () => {
    const e = await importError(good + "1700000000100,80,login,200");
    expect(e.message).toMatch(/^line 3: expected 12 fields, found 4 \(a truncated row/);
    expect(e.line).toBe(3);
  });
  it("wrong columns", async () => {
    const e = await importError("foo,bar,baz\n1,2,3\n");
    expect(e.message).toMatch(/line 1: no header row, and 3 columns match no JMeter default layout: give the field list/);
  });
  it("a non-numeric elapsed", async () => {
    const e = await importError(good + "1700000000100,fast,login,200,OK,T 1-1,text,true,100,1,1,110\n");
    expect(e.message).toBe('line 3: elapsed "fast" is not a whole number');
  });
  it("digits followed by other text, and quoted or empty number fields", async () => {
    const e = await importError(good + "1700000000100,12ab,login,200,OK,T 1-1,text,true,100,1,1,110\r\n");
    expect(e.message).toBe('line 3: elapsed "12ab" is not a whole number');
    const r = await importJtl(chunks(good + '1700000000100,"80",login,200,OK,T 1-1,text,true,,1,1,\r\n'));
    expect(r.summary.total).toMatchObject({ samples: 2, minMs: 80, maxMs: 120 });
  });
  it("binary junk", async () => {
    const junk = Buffer.concat([Buffer.from(good), Buffer.from([0x00, 0x01, 0xff, 0x2c, 0x0a])]);
    const e = await importError(junk);
    expect(e.message).toMatch(/line 3: .*binary data/);
    expect((await importError(Buffer.from([0x00, 0x10, 0x20]))).message).toMatch(/binary data/);
    expect((await importError(Buffer.from([0x1f, 0x8b, 0x08]))).message).toMatch(/gzip/);
  });
  it("mixed formats: XML inside a CSV", async () => {
    const e = await importError(good + '<httpSample t="1" ts="2"/>\n');
    expect(e.line).toBe(3);
  });
  it("an unterminated quote", async () => {
    const e = await importError(good + '1700000000100,80,"login,200,OK,T 1-1,text,true,100,1,1,110\n');
    expect(e.message).toMatch(/line 3: the file ends inside a quoted field/);
  });
  it("an empty file", async () => {
    expect((await importError("")).message).toMatch(/empty/);
  });
});

describe("JMeter arithmetic", () => {
  it("percentiles as StatCalculator.getPercentPoint with the Aggregate Report's float percents", () => {
    const c = new ExactCounts();
    for (const v of [1, 2, 3, 4, 5]) c.add(v);
    // 5 × 0.9f = 4.4999998… → round 4 → the 4th value (a double 0.9 would give the 5th).
    expect(c.percentPoint(aggregateReportPercent(90))).toBe(4);
    expect(c.percentPoint(0.5)).toBe(3); // round(2.5) = 3
    c.add(70_000, 2); // beyond the dense range
    expect(c.percentPoint(aggregateReportPercent(99))).toBe(70_000);
    expect(c.percentPoint(1)).toBe(70_000);
  });
  it("JMeter 2.13's summariser line, quirks included", () => {
    const f = { samples: 559, errors: 37, sumMs: 18941, minMs: 1, maxMs: 289, elapsedMs: 6280 };
    expect(formatSummaryLine213(f)).toBe("summary =    559 in   6.3s =   89.0/s Avg:    33 Min:     1 Max:   289 Err:    37 (6.62%)");
    // 555 ms rounds up to 1 s; JMeter then prints "1s", not "0.6s".
    expect(formatSummaryLine213({ ...f, samples: 1, errors: 0, sumMs: 88, minMs: 88, maxMs: 88, elapsedMs: 555 }, "+")).toBe(
      "summary +      1 in     1s =    1.8/s Avg:    88 Min:    88 Max:    88 Err:     0 (0.00%)",
    );
    expect(formatSummaryLine213({ ...f, elapsedMs: 668_000 })).toMatch(/ in   668s = /);
  });
  it("date formats", () => {
    const p = compileDateFormat("yyyy-MM-dd'T'HH:mm:ss.SSS", 0);
    const b = Buffer.from("2026-11-22T02:52:00.284");
    expect(p(b, 0, b.length)).toBe(Date.UTC(2026, 10, 22, 2, 52, 0, 284));
    expect(Number.isNaN(p(b, 0, b.length - 1))).toBe(true);
  });
});

describe("importJtl edge cases", () => {
  it("skips blank lines before the header and reads a one-row file without a newline", async () => {
    const r = await importJtl(chunks("\n\ntimeStamp,elapsed,label,success\n1700000000000,5,a,true"));
    expect(r.samples).toBe(1);
    const one = await importJtl(chunks("1700000000000,120,login,200,OK,T 1-1,text,true,100,1,1,110"));
    expect(one.samples).toBe(1);
  });
});

describe("Interner", async () => {
  const { Interner } = await import("./csv/interner");
  it("returns the same string for the same bytes, past the small table too", () => {
    const i = new Interner();
    const words = Array.from({ length: 100 }, (_, k) => `label-${k % 7}-${k}`).concat(["", "a", "ab", "ba", "aab", "abb"]);
    for (const round of [0, 1])
      for (const w of words) {
        const b = Buffer.from(`x${w}y`);
        expect(i.get(b, 1, b.length - 1), `${w} ${round}`).toBe(w);
      }
  });
});

describe("wide files", () => {
  it("reads a header with hundreds of columns (sample variables)", async () => {
    const extra = Array.from({ length: 300 }, (_, i) => `var${i}`);
    const text = `timeStamp,elapsed,label,success,${extra.join(",")}\n1700000000000,5,a,true,${extra.map(() => "x").join(",")}\n`;
    const r = await importJtl(chunks(text, 50));
    expect(r.samples).toBe(1);
  });
});

describe("transactionsInTotals", () => {
  it("leaves transaction samples out of module and total figures when false (JMeter ≥ 3)", async () => {
    const text = [
      "1700000000000,100,a,200,OK,G 1-1,text,true,1,1,1,1",
      '1700000000000,150,tx,200,"Number of samples in transaction : 1, number of failing samples : 0",G 1-1,,true,1,1,1,1',
    ].join("\n");
    const with213 = await importJtl(chunks(text));
    const with3 = await importJtl(chunks(text), { transactionsInTotals: false });
    expect(with213.summary.total.samples).toBe(2);
    expect(with3.summary.total.samples).toBe(1);
    expect(with3.summary.labels).toHaveLength(2);
    expect(with3.samples).toBe(2);
  });
});

describe("CSV reader at every chunk split", () => {
  it("reads quoted, escaped, multi-line and CRLF rows the same way whatever the chunking", async () => {
    const text =
      "timeStamp,elapsed,label,responseMessage,success\r\n" +
      '1700000000000,1,"a, b","say ""hi""",true\r\n' +
      '1700000000001,2,"multi\nline",ok,false\r\n' +
      '1700000000002,3,plain,"",true\n' +
      '1700000000003,4,"",x,true\n' +
      '1700000000004,5,last,"Number of samples in transaction : 1, number of failing samples : 1",false';
    const summarise = (r: Awaited<ReturnType<typeof importJtl>>) =>
      r.summary.labels.map((l) => `${l.label}|${l.samples}|${l.errors}|${l.minMs}`).join(";") +
      `#${r.summary.errors.map((e) => e.examples.join("/")).join(",")}`;
    const whole = summarise(await importJtl(chunks(text, text.length)));
    expect(whole).toBe(
      "a, b|1|0|1;multi\nline|1|1|2;plain|1|0|3;|1|0|4;last|1|1|5#ok,Number of samples in transaction : 1, number of failing samples : 1",
    );
    for (let size = 1; size < text.length; size++) expect(summarise(await importJtl(chunks(text, size))), `chunk ${size}`).toBe(whole);
  });
});

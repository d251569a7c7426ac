/**
 * JTL CSV columns: JMeter's header names, the default layouts of files written without a header,
 * and how we recognise a header row or a header-less layout.
 */

/** The fields we read, by JMeter's CSV header name (CSVSaveService). */
export const JTL_FIELDS = [
  "timeStamp",
  "elapsed",
  "label",
  "responseCode",
  "responseMessage",
  "threadName",
  "dataType",
  "success",
  "failureMessage",
  "bytes",
  "sentBytes",
  "grpThreads",
  "allThreads",
  "URL",
  "Filename",
  "Latency",
  "Encoding",
  "SampleCount",
  "ErrorCount",
  "Hostname",
  "IdleTime",
  "Connect",
] as const;
export type TJtlField = (typeof JTL_FIELDS)[number];

const BY_LOWER = new Map<string, TJtlField>(JTL_FIELDS.map((f) => [f.toLowerCase(), f]));
// Names other tools (and hand-edited files) use for the same columns.
for (const [alias, field] of [
  ["timestamp", "timeStamp"],
  ["time", "elapsed"],
  ["t", "elapsed"],
  ["lt", "Latency"],
  ["ct", "Connect"],
  ["ts", "timeStamp"],
  ["lb", "label"],
  ["rc", "responseCode"],
  ["rm", "responseMessage"],
  ["tn", "threadName"],
  ["dt", "dataType"],
  ["s", "success"],
  ["by", "bytes"],
  ["sby", "sentBytes"],
  ["ng", "grpThreads"],
  ["na", "allThreads"],
  ["sc", "SampleCount"],
  ["ec", "ErrorCount"],
  ["it", "IdleTime"],
  ["url", "URL"],
] as const)
  BY_LOWER.set(alias, field);

/** The JTL field a column name means, or undefined for columns we ignore (e.g. variables). */
export function fieldForColumn(name: string): TJtlField | undefined {
  return BY_LOWER.get(name.trim().toLowerCase());
}

/**
 * Layouts JMeter writes when `jmeter.save.saveservice.print_field_names=false` with default
 * save settings. Detection picks the one whose field count matches and whose values parse.
 */
export const HEADERLESS_LAYOUTS: { name: string; fields: TJtlField[] }[] = [
  {
    // JMeter 2.x defaults (2.13 as packaged by Debian): 12 fields.
    name: "JMeter 2.x default",
    fields: [
      "timeStamp",
      "elapsed",
      "label",
      "responseCode",
      "responseMessage",
      "threadName",
      "dataType",
      "success",
      "bytes",
      "grpThreads",
      "allThreads",
      "Latency",
    ],
  },
  {
    // JMeter 2.13 with failureMessage (jmeter.save.saveservice.assertion_results_failure_message=true).
    name: "JMeter 2.x default + failureMessage",
    fields: [
      "timeStamp",
      "elapsed",
      "label",
      "responseCode",
      "responseMessage",
      "threadName",
      "dataType",
      "success",
      "failureMessage",
      "bytes",
      "grpThreads",
      "allThreads",
      "Latency",
    ],
  },
  {
    // JMeter 3.x–5.x defaults (those versions print the header by default; this is for files without it).
    name: "JMeter 3+ default",
    fields: [
      "timeStamp",
      "elapsed",
      "label",
      "responseCode",
      "responseMessage",
      "threadName",
      "dataType",
      "success",
      "failureMessage",
      "bytes",
      "sentBytes",
      "grpThreads",
      "allThreads",
      "URL",
      "Latency",
      "IdleTime",
      "Connect",
    ],
  },
  {
    // JMeter 2.13 with connect time (jmeter.save.saveservice.connect_time=true).
    name: "JMeter 2.13 default + Connect",
    fields: [
      "timeStamp",
      "elapsed",
      "label",
      "responseCode",
      "responseMessage",
      "threadName",
      "dataType",
      "success",
      "bytes",
      "grpThreads",
      "allThreads",
      "Latency",
      "Connect",
    ],
  },
];

/** True when the first row looks like a header: it names timeStamp/elapsed-like columns. */
export function looksLikeHeader(cells: string[]): boolean {
  const known = cells.filter((c) => fieldForColumn(c) !== undefined).length;
  return known >= 2 && cells.some((c) => fieldForColumn(c) === "elapsed" || fieldForColumn(c) === "timeStamp");
}

/** Picks the delimiter of a JTL from its first line: the candidate that splits it most. */
export function detectDelimiter(firstLine: string): string {
  const candidates = [",", ";", "\t", "|"];
  let best = ",";
  let bestCount = 0;
  for (const d of candidates) {
    let count = 0;
    let quoted = false;
    for (const ch of firstLine) {
      if (ch === '"') quoted = !quoted;
      else if (ch === d && !quoted) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

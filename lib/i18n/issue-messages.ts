/**
 * Validation messages of the scenario format (lib/engine/scenario.ts, zod's defaults, the editor's
 * own checks) are English text made where no locale is known (the engine, the CLI, the API). The
 * editor shows them in the reader's language: each known message is matched here to a catalogue
 * key (`issues.*` in messages/*.json, whose English text is the original) with its values. Pure.
 */

export interface TIssueMessage {
  key: string;
  values: Record<string, string>;
  /** Values that are themselves words to translate (`issues.types.<value>`), e.g. zod's type names. */
  typeValues?: string[];
}

const RULES: { re: RegExp; key: string; names?: string[]; typeValues?: string[] }[] = [
  { re: /^must not be empty$/, key: "empty" },
  { re: /^must be ≤ (\d+) \(366 days\)$/, key: "maxSeconds", names: ["max"] },
  { re: /^must be > 0$/, key: "positive" },
  { re: /^must be ≤ 100$/, key: "maxPercent" },
  { re: /^must be an http\(s\) URL$/, key: "httpUrl" },
  { re: /^max must be ≥ min$/, key: "maxAtLeastMin" },
  {
    re: /^Invalid input: expected (\w+), received (\w+)$/,
    key: "invalidType",
    names: ["expected", "received"],
    typeValues: ["expected", "received"],
  },
  { re: /^Invalid input$/, key: "invalid" },
  { re: /^invalid value$/, key: "invalid" },
  { re: /^Too small: expected string to have >=?(\d+) characters?$/, key: "tooShort", names: ["min"] },
  { re: /^Too big: expected string to have <=?(\d+) characters?$/, key: "tooLong", names: ["max"] },
  { re: /^Too small: expected (?:number|int|bigint) to be (>=?)(-?[\d.]+)$/, key: "tooSmall", names: ["op", "min"] },
  { re: /^Too big: expected (?:number|int|bigint) to be (<=?)(-?[\d.]+)$/, key: "tooBig", names: ["op", "max"] },
  { re: /^Too small: expected array to have >=?(\d+) items?$/, key: "tooFewItems", names: ["min"] },
  { re: /^Invalid input: expected int, received number$/, key: "integer" },
  { re: /^Unrecognized keys?: (.+)$/, key: "unknownKeys", names: ["keys"] },
  { re: /^required: vus \(closed model\) or arrivalRate \(open model\)$/, key: "vusRequired" },
  { re: /^required: durationSeconds or iterations$/, key: "durationRequired" },
  { re: /^use either vus \(closed model\) or arrivalRate \(open model\), not both$/, key: "vusOrArrival" },
  { re: /^the open model takes its duration from arrivalRate\.durationSeconds$/, key: "openDuration" },
  { re: /^give exactly one of:? (.+)$/, key: "exactlyOne", names: ["fields"] },
  { re: /^use only one of (.+)$/, key: "onlyOne", names: ["fields"] },
  { re: /^give at least one of (.+)$/, key: "atLeastOne", names: ["fields"] },
  { re: /^maxIterations goes with while$/, key: "maxIterationsWhile" },
  { re: /^policy must be one of /, key: "policyShape" },
  { re: /^think must be /, key: "thinkShape" },
  { re: /^an extractor is /, key: "extractorShape" },
  { re: /^pacing must be /, key: "pacingShape" },
  { re: /^a step must have exactly one of: /, key: "stepShape" },
  { re: /^enter a variable name for every check$/, key: "checkName" },
  { re: /^enter a name for every row$/, key: "rowName" },
  { re: /^“(.+)” appears twice$/, key: "duplicate", names: ["name"] },
  { re: /^(.+) appears twice on “(.+)”$/, key: "duplicateCheck", names: ["check", "name"] },
  { re: /^enter a JSON body, or choose no body$/, key: "jsonBody" },
  { re: /^not valid JSON: (.*)$/, key: "notJson", names: ["detail"] },
  { re: /^status codes are numbers, separated by commas/, key: "statusCodes" },
  { re: /^enter a variable name for every extractor$/, key: "extractorName" },
  { re: /^variable “(.+)” is extracted twice$/, key: "extractedTwice", names: ["name"] },
];

/** The catalogue key and values of a known message; null: show it as it is. */
export function issueMessage(message: string): TIssueMessage | null {
  for (const rule of RULES) {
    const m = rule.re.exec(message);
    if (!m) continue;
    const values: Record<string, string> = {};
    (rule.names ?? []).forEach((name, i) => (values[name] = m[i + 1] ?? ""));
    return { key: rule.key, values, ...(rule.typeValues ? { typeValues: rule.typeValues } : {}) };
  }
  return null;
}

/** A translator's view: `has` and `t` of next-intl's useTranslations("issues"). */
interface TTranslator {
  (key: string, values?: Record<string, string>): string;
  has(key: string): boolean;
}

/** The message in the translator's language (as it is when unknown). */
export function localizeIssue(message: string, t: TTranslator): string {
  const found = issueMessage(message);
  if (!found || !t.has(found.key)) return message;
  const values = { ...found.values };
  for (const name of found.typeValues ?? []) if (t.has(`types.${values[name]}`)) values[name] = t(`types.${values[name]}`);
  return t(found.key, values);
}

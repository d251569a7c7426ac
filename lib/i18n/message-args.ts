import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";

/**
 * The arguments and tags an ICU message uses, sorted: what the catalogue tests
 * (lib/i18n/coded-messages.test.ts, lib/jmeter/import-error-codes.test.ts) compare with the
 * parameters a code carries. Throws on a message ICU cannot parse.
 */
export function messageArgs(message: string): { args: string[]; tags: string[] } {
  return argsAndTags(parse(message));
}

function argsAndTags(elements: MessageFormatElement[], args = new Set<string>(), tags = new Set<string>()) {
  for (const e of elements) {
    if (e.type === TYPE.argument || e.type === TYPE.number || e.type === TYPE.date || e.type === TYPE.time) args.add(e.value);
    else if (e.type === TYPE.select || e.type === TYPE.plural) {
      args.add(e.value);
      for (const option of Object.values(e.options)) argsAndTags(option.value, args, tags);
    } else if (e.type === TYPE.tag) {
      tags.add(e.value);
      argsAndTags(e.children, args, tags);
    }
  }
  return { args: [...args].sort(), tags: [...tags].sort() };
}

/**
 * What is wrong with one locale's `codes` for a catalogue: a code without a message, a message whose
 * arguments are not exactly the code's parameters, a tag other than <data>, a message for no code.
 */
export function catalogueProblems(catalogue: Record<string, { params: readonly string[] }>, codes: Record<string, unknown> | undefined) {
  const problems: string[] = [];
  for (const [code, entry] of Object.entries(catalogue)) {
    const text = codes?.[code];
    if (typeof text !== "string" || text.trim() === "") {
      problems.push(`${code}: no message`);
      continue;
    }
    let used: { args: string[]; tags: string[] };
    try {
      used = messageArgs(text);
    } catch (e) {
      problems.push(`${code}: not an ICU message (${(e as Error).message})`);
      continue;
    }
    const want = [...entry.params].sort();
    if (JSON.stringify(used.args) !== JSON.stringify(want))
      problems.push(`${code}: uses {${used.args.join(", ")}}, the code passes {${want.join(", ")}}`);
    // <data> marks what came from outside (shown as written); no other markup is rendered.
    if (used.tags.some((t) => t !== "data")) problems.push(`${code}: unknown tag <${used.tags.join(">, <")}>`);
  }
  for (const code of Object.keys(codes ?? {}))
    if (!Object.hasOwn(catalogue, code)) problems.push(`${code}: a message for a code that does not exist`);
  return problems;
}

import { type TScenarioIssue } from "@/lib/engine/scenario";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { type TEditorState } from "./editor-state.types";
import { isRecord } from "./editor-helpers";
import { toEditorState } from "./editor-from-document";

// Files: the engine's YAML / JSON format

export type TFileFormat = "yaml" | "json";

/** The document as the engine's file format. */
export function serialiseDocument(document: unknown, format: TFileFormat): string {
  return format === "json" ? `${JSON.stringify(document, null, 2)}\n` : stringifyYaml(document, { lineWidth: 0 });
}

/** JSON when the text starts like JSON, else YAML (JSON is YAML too, but errors read better). */
export function guessFormat(text: string, fileName?: string): TFileFormat {
  if (fileName && /\.json$/i.test(fileName)) return "json";
  if (fileName && /\.ya?ml$/i.test(fileName)) return "yaml";
  return /^\s*[{[]/.test(text) ? "json" : "yaml";
}

/**
 * Read a scenario file into editor state. Syntax errors and a document that is not a scenario
 * object refuse the import; field errors do not (the editor shows them next to the fields).
 */
export function importScenarioText(
  text: string,
  format: TFileFormat,
): { ok: true; state: TEditorState; document: unknown } | { ok: false; errors: TScenarioIssue[] } {
  let raw: unknown;
  try {
    raw = format === "json" ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    return {
      ok: false,
      errors: [{ path: "", message: `not valid ${format.toUpperCase()}: ${String((error as Error).message).split("\n")[0]}` }],
    };
  }
  if (!isRecord(raw))
    return { ok: false, errors: [{ path: "", message: "the file must contain one scenario object (name, baseUrl, load, steps)" }] };
  return { ok: true, state: toEditorState(raw), document: raw };
}

/**
 * The scenario editor's state and every operation on it, as pure functions (no React, no I/O).
 *
 * The editor edits form text (what the user typed), not the parsed scenario: a half-typed number
 * must stay on screen, and the zod schema — the engine's own — must judge it. So:
 *
 *   raw document (YAML/JSON, or the stored definition) ──toEditorState──▶ TEditorState
 *   TEditorState ──toDocument──▶ raw document ──validateScenario──▶ field issues by dotted path
 *
 * INVARIANT (round trip): for a document the editor understands, toDocument(toEditorState(doc))
 * deep-equals doc — no defaults are filled in (the engine does that), keys the editor has no
 * field for (thresholds, unknown keys, values of the wrong type…) ride along in `extra`, and
 * typed values keep their type while their text is unchanged (`original`).
 *
 * Paths into the step lists and the operations on them: step-tree.ts.
 *
 * Split by concern: editor-state.types (the state), editor-from-document, editor-to-document,
 * editor-validation, editor-files, editor-chart; this module is what the editor imports.
 */
export type {
  TBodyMode,
  TChooseBranchDraft,
  TCookiesDraft,
  TCookiesMode,
  TDataDraft,
  TEditorState,
  TEditorStep,
  TExpectDraft,
  TExtractKind,
  TExtractRow,
  TForEachDraft,
  TIfDraft,
  TLoadDraft,
  TLoopDraft,
  TMultipartDraft,
  TMultipartFileDraft,
  TPacingDraft,
  TPair,
  TPolicyKind,
  TRaw,
  TRendezvousDraft,
  TRequestDraft,
  TStepKind,
  TStepPath,
  TStepTree,
  TThinkDraft,
  TTransactionDraft,
  TVariableCheckKind,
  TVariableCheckRow,
} from "./editor-state.types";
export { HTTP_METHODS, STEP_KINDS, VARIABLE_CHECKS } from "./editor-state.types";
export { isRecord, newId, numberFromText } from "./editor-helpers";
export {
  childLists,
  cookiesMode,
  emptyLoad,
  emptyPacing,
  newBranch,
  newDataSet,
  newEditorState,
  newStep,
  toEditorState,
} from "./editor-from-document";
export { toDocument } from "./editor-to-document";
export type { TEditorValidation } from "./editor-validation";
export { issuesByPath, setLoadModel, validLoad, validateEditorState, warningsOfState } from "./editor-validation";
export type { TFileFormat } from "./editor-files";
export { guessFormat, importScenarioText, serialiseDocument } from "./editor-files";
export { chartPoints } from "./editor-chart";

export const PROBLEM_STATUSES = ["open", "in_progress", "resolved", "wont_fix"] as const;
export type TProblemStatus = (typeof PROBLEM_STATUSES)[number];
export const SEVERITIES = ["critical", "major", "minor", "trivial"] as const;
export type TSeverity = (typeof SEVERITIES)[number];

/** Still to be dealt with: carried over to every later report. */
export const OPEN_STATUSES: readonly TProblemStatus[] = ["open", "in_progress"];

export function isOpenStatus(status: TProblemStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** A problem as a daily report lists it (section 4): its state at the end of the report's day (carry-over rule: lib/problems/find-report-problems.ts). */
export interface TReportProblem {
  id: string;
  /** The problem's own number (#2 everywhere), not its position in the list. */
  number: number;
  title: string;
  description: string;
  status: TProblemStatus;
  severity: TSeverity;
  owner: string | null;
  /** When it was closed, if it was by the end of the report's day. */
  resolvedAt: string | null;
  /** Reported first in this report (else carried over from an earlier one). */
  isNew: boolean;
  firstReportedIn: { id: string; name: string; date: string } | null;
  latestNote: { body: string; createdAt: string } | null;
}

export interface TProblemNote {
  id: string;
  body: string;
  status: TProblemStatus | null;
  author: string | null;
  createdAt: string;
}

/** A row of the Problems page / GET /api/problems. */
export interface TProblemRow {
  id: string;
  number: number;
  title: string;
  description: string;
  status: TProblemStatus;
  severity: TSeverity;
  owner: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  report: { id: string; name: string; date: string } | null;
  modules: { id: string; name: string }[];
  runs: { id: string; name: string }[];
  interfaces: { id: string; method: string; urlPattern: string; moduleName: string }[];
  noteCount: number;
  latestNote: { body: string; createdAt: string } | null;
}

/** Fields of a problem an edit can change (status changes are notes). */
export const EDITABLE_FIELDS = ["title", "description", "severity", "owner", "modules"] as const;
export type TEditableField = (typeof EDITABLE_FIELDS)[number];

/** One edit in a problem's history: which fields changed, read from consecutive revisions. */
export interface TProblemEdit {
  at: string;
  actorName: string | null;
  fields: TEditableField[];
}

export interface TProblemDetail extends TProblemRow {
  notes: TProblemNote[];
  /** Newest first. */
  edits: TProblemEdit[];
}

/** Limits of the live page shared by the server and the browser (no imports: the client bundles it). */

/** Labels whose response time is drawn at once: more lines than this are unreadable anyway. */
export const MAX_SERIES_LABELS = 8;

/**
 * What an imported run can hold, checked while the file is read so a bad file fails with a message
 * in the user's terms instead of PostgreSQL's ("index row requires 68752 bytes", "integer out of
 * range") after the whole file was read.
 */
import { JmeterImportError } from "../errors";

/**
 * Labels and modules are keys of btree indexes (RunLabel: runId, module, label, kind), whose entries
 * PostgreSQL caps at 2,704 bytes after compression. 2,000 bytes of label + 500 of module + the run
 * id and kind stay under it even when nothing compresses (measured: a 5,400-byte entry is refused).
 */
export const MAX_LABEL_BYTES = 2000;
export const MAX_MODULE_BYTES = 500;

/** RunSecond.second is a 32-bit epoch second: 1970-01-01 to 2038-01-19T03:14:07Z. */
export const MIN_TIMESTAMP_MS = 0;
export const MAX_TIMESTAMP_MS = (2 ** 31 - 1) * 1000;

const RANGE = "1970-01-01 to 2038-01-19 03:14:07 UTC";

export function assertStorableLabel(label: string, module: string): void {
  // Cheap first: a string of n UTF-16 units has at most 3n UTF-8 bytes.
  if (label.length * 3 > MAX_LABEL_BYTES && Buffer.byteLength(label) > MAX_LABEL_BYTES)
    throw new JmeterImportError("label_too_long", { bytes: Buffer.byteLength(label), label: label.slice(0, 60), max: MAX_LABEL_BYTES });
  if (module.length * 3 > MAX_MODULE_BYTES && Buffer.byteLength(module) > MAX_MODULE_BYTES)
    throw new JmeterImportError("module_too_long", {
      bytes: Buffer.byteLength(module),
      module: module.slice(0, 60),
      max: MAX_MODULE_BYTES,
    });
}

/** True when the sample's start and end fit; the caller throws timestampError otherwise (kept out of the hot path). */
export function isStorableTime(startMs: number, endMs: number): boolean {
  return startMs >= MIN_TIMESTAMP_MS && endMs <= MAX_TIMESTAMP_MS;
}

export function timestampError(startMs: number, endMs: number): JmeterImportError {
  const isStartBad = startMs < MIN_TIMESTAMP_MS || startMs > MAX_TIMESTAMP_MS;
  const bad = isStartBad ? startMs : endMs;
  const which = isStartBad ? "timeStamp" : "timeStamp + elapsed";
  const date = Math.abs(bad) <= 8.64e15 ? new Date(bad).toISOString().replace(".000Z", "Z") : "";
  return new JmeterImportError("timestamp_out_of_range", { field: which, value: bad, date, range: RANGE });
}

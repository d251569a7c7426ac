/**
 * Runs a plan in real JMeter 2.13 (Debian's, through the run.sh launcher that opens XStream's
 * type permissions) and returns the samples it wrote. Tests skip when JMeter is not installed.
 *
 * The launcher: $JMETER_RUN, else jmeter/run.sh here (a copy of the shared tools' launcher).
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseCsv } from "../../../engine/csv-data";

const LAUNCHER = process.env.JMETER_RUN ?? path.join(import.meta.dirname, "jmeter", "run.sh");

/** Why real JMeter cannot run here, or null when it can. */
export function jmeterMissing(): string | null {
  if (!existsSync("/usr/share/jmeter")) return "JMeter 2.13 is not installed (/usr/share/jmeter; apt-get install -y jmeter)";
  if (!existsSync(LAUNCHER)) return `the JMeter launcher ${LAUNCHER} is missing (set JMETER_RUN)`;
  return null;
}

/** One sample row of the JTL (CSV with a header). */
export interface TJtlSample {
  timeStamp: number;
  elapsed: number;
  label: string;
  responseCode: string;
  success: boolean;
  threadName: string;
  failureMessage: string;
}

export interface TJmeterRun {
  samples: TJtlSample[];
  /** jmeter.log: errors from functions and scripts land here. */
  log: string;
}

export async function runJmeter(
  jmx: string,
  files: Record<string, string>,
  properties: Record<string, string> = {},
  env: Record<string, string> = {},
): Promise<TJmeterRun> {
  const dir = mkdtempSync(path.join(tmpdir(), "mp-jmx-"));
  try {
    writeFileSync(path.join(dir, "plan.jmx"), jmx);
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    const args = [
      "-n",
      "-t",
      "plan.jmx",
      "-l",
      "out.jtl",
      "-j",
      "jmeter.log",
      "-Jjmeter.save.saveservice.output_format=csv",
      "-Jjmeter.save.saveservice.print_field_names=true",
      "-Jjmeter.save.saveservice.failure_message=true",
      "-Jsummariser.name=",
      ...Object.entries(properties).map(([k, v]) => `-J${k}=${v}`),
    ];
    await new Promise<void>((resolve, reject) => {
      execFile(LAUNCHER, args, { cwd: dir, env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
        error ? reject(new Error(`JMeter failed: ${error.message}\n${stdout}\n${stderr}`)) : resolve(),
      );
    });
    const log = existsSync(path.join(dir, "jmeter.log")) ? readFileSync(path.join(dir, "jmeter.log"), "utf8") : "";
    return { samples: parseJtl(readFileSync(path.join(dir, "out.jtl"), "utf8")), log };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The JTL JMeter wrote as CSV with a header (read by the engine's CSV reader). */
function parseJtl(text: string): TJtlSample[] {
  const rows = parseCsv(text);
  const [header, ...body] = rows;
  if (!header) return [];
  const col = (name: string) => header.indexOf(name);
  return body.map((r) => ({
    timeStamp: Number(r[col("timeStamp")]),
    elapsed: Number(r[col("elapsed")]),
    label: r[col("label")] ?? "",
    responseCode: r[col("responseCode")] ?? "",
    success: r[col("success")] === "true",
    threadName: r[col("threadName")] ?? "",
    failureMessage: r[col("failureMessage")] ?? "",
  }));
}

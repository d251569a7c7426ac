/**
 * JUnit XML for CI (GitLab's `artifacts:reports:junit`, GitHub's test reporters): one test case
 * per threshold, failed when the threshold failed; a run that did not complete is one errored case.
 */
import type { TThresholdResult } from "../engine/thresholds";

export interface TJunitInput {
  runName: string;
  runId: string;
  runUrl: string;
  status: string;
  error: string | null;
  durationSeconds: number;
  thresholds: readonly TThresholdResult[];
}

const escapeXml = (s: string) =>
  s
    // Characters XML 1.0 cannot carry at all.
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

export function junitXml(r: TJunitInput): string {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  if (r.status !== "completed") {
    errors++;
    const message = `run ${r.status}${r.error ? `: ${r.error}` : ""}`;
    cases.push(
      `    <testcase classname="musterpoint.run" name="run ${escapeXml(r.runName)}" time="${r.durationSeconds}">\n      <error message="${escapeXml(message)}" type="${escapeXml(r.status)}">${escapeXml(r.runUrl)}</error>\n    </testcase>`,
    );
  }
  for (const t of r.thresholds) {
    const name = escapeXml(t.expression);
    if (t.ok) {
      cases.push(`    <testcase classname="musterpoint.thresholds" name="${name}" time="0"/>`);
      continue;
    }
    failures++;
    const message = t.actual === null ? "nothing measured" : `measured ${t.actual}`;
    cases.push(
      `    <testcase classname="musterpoint.thresholds" name="${name}" time="0">\n      <failure message="${escapeXml(message)}" type="threshold">${escapeXml(`${t.expression}: ${message} (${r.runUrl})`)}</failure>\n    </testcase>`,
    );
  }
  const suite = `name="${escapeXml(`musterpoint ${r.runName}`)}" tests="${cases.length}" failures="${failures}" errors="${errors}" time="${r.durationSeconds}"`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites ${suite}>`,
    `  <testsuite ${suite} id="${escapeXml(r.runId)}">`,
    `    <properties>\n      <property name="run.id" value="${escapeXml(r.runId)}"/>\n      <property name="run.url" value="${escapeXml(r.runUrl)}"/>\n      <property name="run.status" value="${escapeXml(r.status)}"/>\n    </properties>`,
    ...cases,
    `  </testsuite>`,
    `</testsuites>`,
    ``,
  ].join("\n");
}

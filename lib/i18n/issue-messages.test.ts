import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en.json";
import zh from "@/messages/zh-CN.json";
import { parseScenario } from "@/lib/engine/scenario";
import { issueMessage, localizeIssue } from "./issue-messages";

/** next-intl's own translator over one catalogue's `issues` namespace (real ICU parsing). */
function translator(locale: string, messages: Record<string, unknown>) {
  return createTranslator({ locale, messages, namespace: "issues" }) as unknown as Parameters<typeof localizeIssue>[1];
}

describe("scenario validation messages in the reader's language", () => {
  const issues = (() => {
    const r = parseScenario(
      JSON.stringify({ name: "", baseUrl: "ftp://x", load: { vus: 0, durationSeconds: 1 }, steps: [{ request: { path: "/", bogus: 1 } }] }),
      "json",
    );
    if (r.ok) throw new Error("expected errors");
    return r.errors.map((e) => e.message);
  })();

  it("knows every message a broken scenario gets", () => {
    expect(issues.length).toBeGreaterThanOrEqual(3);
    for (const m of issues) expect(issueMessage(m), m).not.toBeNull();
  });

  it("the English catalogue gives back the original text", () => {
    const t = translator("en", en);
    for (const m of [...issues, "policy must be one of { allVusersPercent: P }, { runningVusersPercent: P }, { count: N }"])
      expect(localizeIssue(m, t)).toBe(m);
  });

  it("Chinese has no English words left but field names", () => {
    const t = translator("zh-CN", zh);
    expect(localizeIssue("must not be empty", t)).toBe("不能为空");
    expect(localizeIssue("Invalid input: expected number, received string", t)).toBe("输入无效：应为数字，实际为文本");
    for (const m of issues)
      expect(localizeIssue(m, t).replace(/\b(vus|arrivalRate|durationSeconds|iterations|http|https|URL|bogus)\b/g, "")).not.toMatch(
        /[A-Za-z]{3,}/,
      );
  });

  it("leaves an unknown message as it is", () => {
    expect(localizeIssue("something new", translator("zh-CN", zh))).toBe("something new");
  });
});

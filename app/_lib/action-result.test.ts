import { describe, expect, it } from "vitest";
import { z } from "zod";
import { issuesByField, localizeZodIssues, type TIssueTranslator } from "./action-result";

const messages: Record<string, string> = { "name.too_small": "请输入名称。" };
const t = Object.assign((key: string) => messages[key] ?? key, { has: (key: string) => key in messages }) as TIssueTranslator;

describe("action results", () => {
  it("translates known issues and keeps the schema message otherwise", () => {
    const schema = z.object({ name: z.string().min(1, { error: "Name is required." }), n: z.number() });
    const error = schema.safeParse({ name: "", n: "x" }).error!;
    expect(localizeZodIssues(error, t)).toEqual([
      { path: "name", message: "请输入名称。" },
      { path: "n", message: expect.stringMatching(/number/) },
    ]);
  });

  it("groups issues by field, first message first", () => {
    expect(
      issuesByField([
        { path: "name", message: "a" },
        { path: "name", message: "b" },
        { path: "description", message: "c" },
      ]),
    ).toEqual({ name: "a", description: "c" });
  });
});

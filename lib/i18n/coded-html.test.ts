/** Coded messages in the HTML files the server writes: worded in the file's language, values escaped. */
import { describe, expect, it } from "vitest";
import { esc } from "@/lib/report-files/html";
import { decodeRunError, encodeRunError, runError } from "@/lib/runs/run-error-codes";
import { codedHtml } from "./coded-html";

describe("codedHtml", () => {
  const { error, errorParts } = decodeRunError(
    encodeRunError([runError("engine_failed", { detail: "<script>x</script> & co" }), runError("worker_stopped", {})]),
  );

  it("words a run error in Chinese, the engine's text as escaped data", () => {
    expect(codedHtml("zh-CN", "runErrors", error!, errorParts, esc)).toBe(
      "引擎出错：<code>&lt;script&gt;x&lt;/script&gt; &amp; co</code>；运行期间执行进程被停止（SIGTERM）",
    );
    expect(codedHtml("en", "runErrors", error!, errorParts, esc)).toBe(
      "the engine failed: <code>&lt;script&gt;x&lt;/script&gt; &amp; co</code>; the worker was stopped (SIGTERM) during the run",
    );
  });

  it("a row stored before codes, or a code without a message, gives the escaped English", () => {
    expect(codedHtml("zh-CN", "runErrors", "a < b", null, esc)).toBe("a &lt; b");
    expect(codedHtml("zh-CN", "runErrors", "new", [{ code: "from_the_future", params: {} }], esc)).toBe("new");
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { importJmx } from "@/lib/jmeter/jmx/import-jmx";
import { JmxReport } from "./jmx-report";

const messages = JSON.parse(readFileSync(path.join(import.meta.dirname, "../../../messages/en.json"), "utf8")) as Record<string, unknown>;
const corpus = (f: string) => readFileSync(path.join(import.meta.dirname, "../../../lib/jmeter/jmx/fixtures", f), "utf8");
const render = (f: string) =>
  renderToStaticMarkup(
    // createElement's typing wants children in the props here; passed as the third argument (lint's rule).
    createElement(
      NextIntlClientProvider,
      { locale: "en", timeZone: "UTC", messages } as Parameters<typeof NextIntlClientProvider>[0],
      createElement(JmxReport, { report: importJmx(corpus(f)).report }),
    ),
  );

/** What a reader sees: values are set apart as <code> data (worded codes), so compare the text. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, "");

describe("JmxReport", () => {
  it("shows coverage, the required launch parameter before those with defaults, and each report line", () => {
    const html = render("properties-host-5.x.jmx");
    expect(html).toContain("4 of 4 enabled HTTP samplers became requests aimed at a usable host.");
    const params = html.slice(html.indexOf('data-testid="jmx-launch-parameters"'));
    expect(params.indexOf("ENVIRONMENT")).toBeLessThan(params.indexOf(">host<"));
    expect(params).toMatch(/ENVIRONMENT<\/span><span[^>]*>required/);
    expect(params).toContain("default: 127.0.0.1");
    expect(textOf(html)).toContain("number of threads is the JMeter property users: its default 5 was used");
  });

  it("lists thread groups not imported and requests without a usable host", () => {
    expect(textOf(render("disabled-and-unmappable-5.x.jmx"))).toMatch(
      /Thread groups not imported[\s\S]*Partly broken\/Only scripts: steps: a scenario needs at least one step/,
    );
    expect(render("soak-2.13.jmx")).toMatch(/Requests without a usable host[\s\S]*Soak\/Unconfigured\/no server/);
  });
});

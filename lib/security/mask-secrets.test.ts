import { describe, expect, it } from "vitest";
import { MASK, maskCsv, maskHeaders, maskParamDefaults, maskSecrets, maskUrl, restoreMaskedSecrets } from "./mask-secrets";

describe("maskSecrets", () => {
  it("masks credential headers of a scenario and its requests, keeping the auth scheme", () => {
    const scenario = {
      name: "login",
      baseUrl: "http://127.0.0.1:8080",
      headers: { Authorization: "Bearer eyJabc", Accept: "application/json", "X-Api-Key": "k-123", Cookie: "sid=1" },
      variables: { password: "hunter22", user: "alice", retries: 3 },
      steps: [
        {
          request: {
            path: "/login?access_token=abc&x=1",
            form: { username: "alice", password: "s3cret" },
            headers: { "x-auth-token": "t" },
          },
        },
      ],
    };
    const masked = maskSecrets(scenario);
    expect(masked.headers).toEqual({ Authorization: `Bearer ${MASK}`, Accept: "application/json", "X-Api-Key": MASK, Cookie: MASK });
    expect(masked.variables).toEqual({ password: MASK, user: "alice", retries: 3 });
    expect(masked.steps[0]!.request.form).toEqual({ username: "alice", password: MASK });
    expect(masked.steps[0]!.request.headers).toEqual({ "x-auth-token": MASK });
    expect(masked.steps[0]!.request.path).toBe(`/login?access_token=${MASK}&x=1`);
    expect(scenario.headers.Authorization).toBe("Bearer eyJabc"); // the original is untouched
  });

  it("masks password columns of inline CSV data", () => {
    const masked = maskSecrets({ data: { csv: "user,password\nalice,pw1\nbob,pw2\n", mode: "sequential" } });
    expect(masked.data.csv).toBe(`user,password\nalice,${MASK}\nbob,${MASK}\n`);
    expect(maskCsv("a;b\n1;2", ";", ["user", "pwd"])).toBe(`a;${MASK}\n1;${MASK}`);
  });

  it("masks header lists of name/value pairs and passwords in URLs", () => {
    expect(maskSecrets([{ name: "Authorization", value: "Basic dXNlcjpwYXNz" }])).toEqual([
      { name: "Authorization", value: `Basic ${MASK}` },
    ]);
    expect(maskUrl("see http://admin:pa55@db.local:5432/x")).toBe(`see http://admin:${MASK}@db.local:5432/x`);
    expect(maskHeaders({ "content-type": "text/plain", "proxy-authorization": "x" })).toEqual({
      "content-type": "text/plain",
      "proxy-authorization": MASK,
    });
  });

  it("masks in every step list: init, end, loop, forEach, if/else, choose; Cookie headers and multipart file contents", () => {
    const secretRequest = (path: string) => ({
      request: {
        path,
        headers: { Cookie: "sid=abc; theme=dark", Accept: "text/html" },
        form: { password: "pw" },
      },
    });
    const scenario = {
      name: "nested",
      cookies: true,
      init: [secretRequest("/init")],
      steps: [
        { loop: { count: 2, steps: [secretRequest("/loop")] } },
        { forEach: { list: "ids", as: "id", steps: [secretRequest("/each")] } },
        { if: { condition: "${__status} == 200", then: [secretRequest("/then")], else: [secretRequest("/else")] } },
        { choose: [{ weight: 1, steps: [{ transaction: { name: "t", steps: [secretRequest("/choose")] } }] }] },
        {
          request: {
            path: "/upload",
            multipart: {
              fields: { note: "hello" },
              files: [
                { field: "doc", filename: "a.txt", contentType: "text/plain", content: "private text" },
                { field: "f", file: "data/b.bin" },
              ],
            },
          },
        },
      ],
      end: [secretRequest("/end")],
    };
    const masked = maskSecrets(scenario);
    const text = JSON.stringify(masked);
    expect(text).not.toContain("sid=abc");
    expect(text).not.toContain('"pw"');
    expect(text).not.toContain("private text");
    // Every Cookie header was masked, wherever it was: 7 requests carry one.
    expect(text.split(`"Cookie":"${MASK}"`).length - 1).toBe(7);
    expect(text.split('"Accept":"text/html"').length - 1).toBe(7);
    expect(masked.cookies).toBe(true);
    const upload = (masked.steps[4] as { request: { multipart: { fields: unknown; files: Record<string, unknown>[] } } }).request.multipart;
    expect(upload.fields).toEqual({ note: "hello" });
    expect(upload.files[0]).toEqual({ field: "doc", filename: "a.txt", contentType: "text/plain", content: MASK });
    expect(upload.files[1]).toEqual({ field: "f", file: "data/b.bin" }); // a path is not a secret
    // Saving the masked document back restores what was masked.
    expect(restoreMaskedSecrets(masked, scenario)).toEqual(scenario);
  });

  it("masks the default of a secret-looking launch parameter, not others", () => {
    expect(maskParamDefaults("${__P(password,hunter2)}")).toBe(`\${__P(password,${MASK})}`);
    expect(maskParamDefaults("http://${__P(host,127.0.0.1)}:${__P(api_token, abc)}")).toBe(
      `http://\${__P(host,127.0.0.1)}:\${__P(api_token,${MASK})}`,
    );
    expect(maskParamDefaults("${__P(token)}")).toBe("${__P(token)}");
    const doc = { headers: { "X-Env": "${__P(secret_key,k1)}" } };
    expect(restoreMaskedSecrets(maskSecrets(doc), doc)).toEqual(doc);
  });

  it("masks the default of a secret-looking __env name too (the worker's environment, or the default)", () => {
    expect(maskParamDefaults("${__env(API_TOKEN,abc123)}")).toBe(`\${__env(API_TOKEN,${MASK})}`);
    expect(maskParamDefaults("${__env(REGION,eu)}")).toBe("${__env(REGION,eu)}");
    const doc = { steps: [{ request: { path: "/x", query: { q: "${__env(DB_PASSWORD,pw1)}" } } }] };
    expect(JSON.stringify(maskSecrets(doc))).not.toContain("pw1");
    expect(restoreMaskedSecrets(maskSecrets(doc), doc)).toEqual(doc);
  });

  it("survives odd input", () => {
    expect(maskSecrets(null)).toBeNull();
    expect(maskSecrets("plain")).toBe("plain");
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 200; i++) cur = (cur.next = {}) as Record<string, unknown>;
    expect(() => maskSecrets(deep)).not.toThrow();
  });
});

describe("findUnstorableText", async () => {
  const { findUnstorableText } = await import("./storable-text");
  it("finds NUL characters and unpaired surrogates, by path; accepts real emoji and CJK", () => {
    expect(findUnstorableText({ a: ["ok", "模块😀"] })).toBeNull();
    expect(findUnstorableText({ a: ["ok", "x\u0000"] })).toBe("a.1");
    expect(findUnstorableText({ steps: [{ name: "\ud800" }] })).toBe("steps.0.name");
    expect(findUnstorableText({ ["k\udc00"]: 1 })).toBe("k\udc00");
    expect(findUnstorableText("\ud83d\ude00")).toBeNull();
  });
});

describe("restoreMaskedSecrets", async () => {
  const { restoreMaskedSecrets } = await import("./mask-secrets");
  it("puts stored secrets back where the editor left the mask, keeps real edits", () => {
    const stored = {
      headers: { Authorization: "Bearer real-token", "X-Api-Key": "k1" },
      variables: { password: "pw", user: "alice" },
      data: { csv: "user,password\nalice,pw1\n" },
      steps: [{ request: { path: "/login?token=abc" } }],
    };
    const masked = maskSecrets(stored);
    const edited = { ...masked, variables: { ...masked.variables, user: "bob" }, headers: { ...masked.headers, "X-Api-Key": "new-key" } };
    expect(restoreMaskedSecrets(edited, stored)).toEqual({
      headers: { Authorization: "Bearer real-token", "X-Api-Key": "new-key" },
      variables: { password: "pw", user: "bob" },
      data: { csv: "user,password\nalice,pw1\n" },
      steps: [{ request: { path: "/login?token=abc" } }],
    });
  });
});

/**
 * Hand-made server-action requests that React's decoder or Next would answer with a 500: each is
 * refused with a 4xx, or answered, before that (proxy.ts, lib/http/request-shape.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionId } from "../helpers/http-forms";
import { freshDatabase, startServer, type Server } from "../reliability/harness";

let server: Server;
beforeAll(async () => {
  server = await startServer(await freshDatabase("actions"), 3213);
});
afterAll(async () => server?.stop());

const post = (action: string, body: BodyInit, type?: string) =>
  fetch(`${server.url}/intake`, {
    method: "POST",
    headers: { "next-action": actionId(action), accept: "text/x-component", origin: server.url, ...(type ? { "content-type": type } : {}) },
    body,
  });

const multipart = (fields: Record<string, string>) => {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
};

describe("hand-made server-action bodies", () => {
  const text = "text/plain;charset=UTF-8";
  const cases: [string, string, () => BodyInit, string?][] = [
    ["not a list", "submitIntake", () => "null", text],
    ["a number", "submitIntake", () => "5", text],
    ["a string", "submitIntake", () => '"x"', text],
    ["a thousand arguments", "submitIntake", () => JSON.stringify(Array(1001).fill(0)), text],
    ["a reference to a part that was not sent", "submitIntake", () => '[{"fullName":"$1"}, "k"]', text],
    ["no form where the sign-in form belongs", "signIn", () => "[null,null]", text],
    ["deep nesting hidden after a lone quote in another part", "submitIntake", () => multipart({ "1": 'a"', "0": "[".repeat(20_000) + "]".repeat(20_000) })],
    ["a part that is not JSON", "submitIntake", () => multipart({ "0": "{not json" })],
    ["a reference to a part that was not sent, in a multipart body", "submitIntake", () => multipart({ "0": '["$1"]' })],
    ["a form reference with no fields", "signIn", () => multipart({ "0": '[{}, "$K1"]' })],
  ];
  for (const [name, action, body, type] of cases) {
    it(`${name}: no 500`, async () => {
      const response = await post(action, body(), type);
      await response.arrayBuffer();
      expect(response.status, name).toBeLessThan(500);
    });
  }
});

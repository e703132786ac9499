/**
 * A personal link's server actions are public POST endpoints: called over HTTP with anything but
 * a live link's token (as the page binds it), each answers with a refusal a person can read, never
 * a 500, and stores nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionId } from "../helpers/http-forms";
import { freshDatabase, startServer, type Server } from "../reliability/harness";
import { sqlFor } from "../helpers/test-sql";

let server: Server;
let database = "";
beforeAll(async () => {
  database = await freshDatabase("link-actions");
  server = await startServer(database, 3215);
});
afterAll(async () => server?.stop());

const post = (action: string, args: unknown[]) =>
  fetch(`${server.url}/i/${"A".repeat(43)}`, {
    method: "POST",
    headers: { "next-action": actionId(action), accept: "text/x-component", origin: server.url, "content-type": "text/plain;charset=UTF-8" },
    body: JSON.stringify(args),
  });

describe("a personal link's actions, without a live link", () => {
  const cases: [string, string, unknown[]][] = [
    ["a draft for an unknown token", "saveDraft", ["B".repeat(43), "health", { fullName: "Nobody" }]],
    ["a draft with no token", "saveDraft", [null, "health", {}]],
    ["a draft with nonsense for answers", "saveDraft", [{ token: 1 }, ["health"], "answers"]],
    ["a date of birth for an unknown token", "confirmDateOfBirth", ["B".repeat(43), "1950-01-01"]],
    ["a date of birth with no arguments", "confirmDateOfBirth", []],
    ["an intake for an unknown token", "submitLinkIntake", ["B".repeat(43), { fullName: "Nobody" }, "00000000-0000-4000-8000-000000000000"]],
    ["an intake with an object for a token", "submitLinkIntake", [{}, {}, {}]],
  ];
  it.each(cases)("%s is refused in words, not with a 500", async (_name, action, args) => {
    const response = await post(action, args);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toMatch(/"ok":false/);
    expect(body).toMatch(/contact the clinic|cannot be used|could not be sent|could not be read/);
  });

  it("stored nothing", async () => {
    const sql = sqlFor(server.database);
    try {
      for (const table of ["IntakeDraft", "Intake", "AuditEvent"]) {
        expect(await sql.rows(`SELECT CAST(count(*) AS INTEGER) AS n FROM "${table}"`), table).toEqual([{ n: 0 }]);
      }
    } finally {
      await sql.close();
    }
  });
});

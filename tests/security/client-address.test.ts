/**
 * Who the app thinks is asking, over real HTTP against the production server (server.ts): a client
 * cannot choose its address with X-Forwarded-For, so it meets its own limits and the audit trail
 * records the connection; behind a trusted proxy, clients are told apart by what the proxy reports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_LIMITS } from "@/lib/auth/sign-in-limits";
import { actionId, postSignIn } from "../helpers/http-forms";
import { sqlFor } from "../helpers/test-sql";
import { freshDatabase, startServer, type Server } from "../reliability/harness";

const SUBMIT_LIMIT = 5;
const limits = { SUBMIT_RATE_LIMIT_PER_MINUTE: String(SUBMIT_LIMIT) };

const submit = (server: Server, headers: Record<string, string>) =>
  fetch(`${server.url}/api/intakes`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: "{}" });

const auditAddresses = async (server: Server, emailLike: string) => {
  const sql = sqlFor(server.database);
  try {
    const rows = await sql.rows<{ ipAddress: string }>(`SELECT DISTINCT "ipAddress" FROM "AuditEvent" WHERE "actorEmail" LIKE ?`, emailLike);
    return rows.map((r) => r.ipAddress);
  } finally {
    await sql.close();
  }
};

describe("without a trusted proxy, the connection's address is the client's", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer(await freshDatabase("direct"), 3211, limits);
  });
  afterAll(async () => server?.stop());

  it("a client forging a new X-Forwarded-For on every request meets its own submit limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= SUBMIT_LIMIT; i++) {
      statuses.push((await submit(server, { "x-forwarded-for": `198.51.100.${i + 1}`, "x-real-ip": `192.0.2.${i + 1}` })).status);
    }
    expect(statuses).toEqual([...Array(SUBMIT_LIMIT).fill(400), 429]);
  });

  it("a client forging a new address on every sign-in meets its own address limit, and the trail records the connection", async () => {
    const messages: (string | null)[] = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.perAddress.attempts; i++) {
      // A new email each time, so only the address limit can stop it.
      const answer = await postSignIn(server.url, `forger${i}@clinic.example`, "a wrong password", { "x-forwarded-for": `203.0.113.${i + 1}` });
      messages.push(answer.message);
    }
    expect(messages.slice(0, SIGN_IN_LIMITS.perAddress.attempts).every((m) => m === "That email and password do not match an account.")).toBe(true);
    expect(messages.at(-1)).toMatch(/^Too many failed attempts from this connection/);
    expect(await auditAddresses(server, "forger%")).toEqual(["127.0.0.1"]);
  });

  it("a forged X-Forwarded-Host does not make another origin's server action pass", async () => {
    const body = JSON.stringify([{ fullName: "Forged Host" }, crypto.randomUUID()]);
    const post = (origin: string, extra: Record<string, string> = {}) =>
      fetch(`${server.url}/intake`, {
        method: "POST",
        headers: { "next-action": actionId("submitIntake"), "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin, ...extra },
        body,
      });
    const forged = await post("https://evil.example", { "x-forwarded-host": "evil.example" });
    expect(forged.ok).toBe(false);
    // The same request from the app's own origin is answered: the refusal was the origin's doing.
    expect((await post(server.url)).status).toBe(200);
  });
});

describe("behind a trusted proxy (TRUST_PROXY=1), the proxy's report is the client's address", () => {
  let server: Server;
  beforeAll(async () => {
    server = await startServer(await freshDatabase("proxied"), 3212, { ...limits, TRUST_PROXY: "1" });
  });
  afterAll(async () => server?.stop());

  it("tells two clients behind the proxy apart, whatever they put in front of the proxy's entry", async () => {
    // The proxy appends the address it saw; what the client sent before it is not trusted.
    const first = (i: number) => ({ "x-forwarded-for": `10.9.9.${i}, 198.51.100.10` });
    const statuses: number[] = [];
    for (let i = 0; i <= SUBMIT_LIMIT; i++) statuses.push((await submit(server, first(i))).status);
    expect(statuses).toEqual([...Array(SUBMIT_LIMIT).fill(400), 429]);
    expect((await submit(server, { "x-forwarded-for": "198.51.100.20" })).status).toBe(400);
  });

  it("records the address the proxy reports in the audit trail", async () => {
    await postSignIn(server.url, "proxied@clinic.example", "a wrong password", { "x-forwarded-for": "10.1.1.1, 198.51.100.30" });
    expect(await auditAddresses(server, "proxied@%")).toEqual(["198.51.100.30"]);
  });
});

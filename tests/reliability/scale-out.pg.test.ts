/**
 * Scale-out on PostgreSQL (`npm run test:pg`): two production instances on one database behind a
 * real load balancer (Debian's nginx, round robin), all started here.
 *  - 10,000 API submissions over 100 connections through nginx: every one 201, 10,000 rows.
 *  - The same with one instance killed (SIGKILL) a third of the way in: clients send again under
 *    their idempotency keys what the balancer answered 502 for; every acknowledged submission is
 *    stored exactly once, and the survivor serves the rest.
 *  - A therapist signed in through one instance is signed in on the other, and the sign-in limits
 *    and the submit limit per address count what reached either.
 */
import { execFileSync } from "node:child_process";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { postSignIn } from "../helpers/http-forms";
import { intakeBody } from "../helpers/intake-fixtures";
import { sqlFor } from "../helpers/test-sql";
import { startBalancer, type Balancer } from "./balancer";
import { createTherapistWithCli, freshDatabase, printFigures, runLoad, startServer, type Server } from "./harness";

const TOTAL = 10_000;
const CONNECTIONS = 100;
const BALANCER_PORT = 3220;
const INSTANCE_PORTS = [3221, 3222] as const;
const BALANCER_URL = `http://127.0.0.1:${BALANCER_PORT}`;
const THERAPIST = { email: "scale@clinic.example", name: "Sam Scale", password: "scale-out-password-long" };

/** Both instances on one database; the load generator plays a proxy in front of nginx (TRUST_PROXY=2). */
async function startInstances(database: string, extra: Record<string, string> = {}): Promise<Server[]> {
  const env = { BETTER_AUTH_URL: BALANCER_URL, TRUST_PROXY: "2", ...extra };
  return Promise.all(INSTANCE_PORTS.map((port) => startServer(database, port, env)));
}

async function storedReferences(database: string): Promise<string[]> {
  const sql = sqlFor(database);
  try {
    return (await sql.rows<{ reference: string }>(`SELECT "reference" FROM "Intake"`)).map((r) => r.reference);
  } finally {
    await sql.close();
  }
}

const referencesOf201 = (answers: { status: number; body?: string }[]) =>
  answers.filter((a) => a.status === 201).map((a) => (JSON.parse(a.body!) as { reference: string }).reference);

/** Each request from a client address of its own (198.18.0.0/15, the benchmarking range). */
const submission = (i: number, tag: string) => ({
  path: "/api/intakes",
  body: JSON.stringify(intakeBody(i, tag)),
  headers: { "idempotency-key": `${tag}-key-${i}`, "x-forwarded-for": `198.18.${(i >> 8) & 255}.${i & 255}` },
});

/** What went wrong, for the figures: the status and body (field errors, never client data). */
const firstOther = (answers: { status: number; body?: string; error?: string }[]) => {
  const other = answers.find((a) => a.status !== 201);
  return other ? `${other.status} ${(other.body ?? other.error ?? "").slice(0, 200)}` : "none";
};

let balancer: Balancer | null = null;
const servers: Server[] = [];

/** Stops what a test started, even when it failed half-way: the next test needs the same ports. */
async function stopAll() {
  await balancer?.stop();
  balancer = null;
  for (const s of servers.splice(0)) await s.stop("SIGKILL");
}

beforeAll(() => {
  // nginx from Debian, as a clinic would put in front (`.ci/run` installs it).
  execFileSync("nginx", ["-v"], { stdio: "ignore" });
});

afterEach(stopAll);
afterAll(stopAll);

describe("two instances behind a load balancer, one database", () => {
  it(`store exactly one row per 201 for ${TOTAL} submissions over ${CONNECTIONS} connections, sharing the work`, async () => {
    const database = await freshDatabase("scale");
    const instances = await startInstances(database);
    servers.push(...instances);
    balancer = await startBalancer(BALANCER_PORT, INSTANCE_PORTS);
    const result = await runLoad({ base: BALANCER_URL, total: TOTAL, connections: CONNECTIONS, request: (i) => submission(i, "scale") });
    const refs = referencesOf201(result.answers as { status: number; body?: string }[]);
    const stored = await storedReferences(database);
    const served = instances.map((s) => (s.output().match(/"event":"intake\.submitted"/g) ?? []).length);
    printFigures("Scale-out proof (two instances, nginx, PostgreSQL)", {
      requests: result.requests,
      connections: CONNECTIONS,
      statuses: JSON.stringify(result.statuses),
      "rows stored": stored.length,
      "submissions per instance": served.join(" / "),
      "throughput (req/s)": result.throughput,
      "p50 (ms)": result.p50,
      "p99 (ms)": result.p99,
      "first answer that was not a 201": firstOther(result.answers),
      "nginx errors": balancer.errors().split("\n").slice(0, 3).join(" | ") || "none",
    });
    expect(result.statuses).toEqual({ 201: TOTAL });
    expect(stored.length).toBe(TOTAL);
    expect([...stored].sort()).toEqual([...refs].sort());
    // Round robin: each instance took a real share.
    for (const n of served) expect(n).toBeGreaterThan(TOTAL / 4);
  });

  it("lose no acknowledged submission when one instance is killed, and the survivor serves the rest", async () => {
    const database = await freshDatabase("scale_kill");
    const instances = await startInstances(database);
    servers.push(...instances);
    balancer = await startBalancer(BALANCER_PORT, INSTANCE_PORTS);
    let answered = 0;
    let killedAt = -1;
    let killed: Promise<void> | null = null;
    const victim = instances[1]!;
    const result = await runLoad({
      base: BALANCER_URL,
      total: TOTAL,
      connections: CONNECTIONS,
      request: (i) => submission(i, "kill"),
      retryConnectionErrors: true,
      retryStatuses: [502, 503, 504],
      onAnswer: (_i, answer) => {
        if (answer.status === 201) answered++;
        if (answered === Math.floor(TOTAL / 3) && killedAt < 0) {
          killedAt = answered;
          killed = victim.stop("SIGKILL");
        }
      },
    });
    await killed;
    const refs = referencesOf201(result.answers as { status: number; body?: string }[]);
    const stored = await storedReferences(database);
    const storedSet = new Set(stored);
    const missing = refs.filter((r) => !storedSet.has(r));
    const health = await fetch(`${BALANCER_URL}/api/health`);
    printFigures("Scale-out proof, one instance killed (SIGKILL)", {
      requests: result.requests,
      "killed after 201s": killedAt,
      "sent again (502 or cut off)": result.retried,
      statuses: JSON.stringify(result.statuses),
      "201 answers": refs.length,
      "rows stored": stored.length,
      "answered but missing": missing.length,
      "health through the balancer": health.status,
      "first answer that was not a 201": firstOther(result.answers),
    });
    expect(killedAt).toBeGreaterThan(0);
    expect(victim.process.signalCode).toBe("SIGKILL");
    expect(result.statuses).toEqual({ 201: TOTAL });
    expect(missing).toEqual([]);
    // Sent again under the same key, a submission cut off by the kill is still stored once.
    expect(stored.length).toBe(TOTAL);
    expect(new Set(stored).size).toBe(TOTAL);
    expect(health.status).toBe(200);
  });

  it("share sessions and sign-in limits: signed in through one, signed in on the other; attempts counted across both", async () => {
    const database = await freshDatabase("scale_auth");
    createTherapistWithCli(database, THERAPIST);
    const [a, b] = await startInstances(database);
    servers.push(a!, b!);

    const signedIn = await postSignIn(a!.url, THERAPIST.email, THERAPIST.password);
    expect(signedIn.cookie).not.toBeNull();
    for (const instance of [a!, b!]) {
      const dashboard = await fetch(`${instance.url}/dashboard`, { headers: { cookie: signedIn.cookie! }, redirect: "manual" });
      expect(dashboard.status, instance.url).toBe(200);
      expect(await dashboard.text()).toContain(THERAPIST.name);
    }

    // Five wrong passwords, alternating between the instances, then a sixth: the account waits,
    // whichever instance is asked.
    const messages: (string | null)[] = [];
    for (let i = 0; i < 6; i++) messages.push((await postSignIn([a!, b!][i % 2]!.url, THERAPIST.email, "not the password at all")).message);
    expect(messages.slice(0, 5)).toEqual(Array(5).fill("That email and password do not match an account."));
    expect(messages[5]).toMatch(/^Too many failed attempts for this account/);
    const onOther = await postSignIn(a!.url, THERAPIST.email, THERAPIST.password);
    expect(onOther.message).toMatch(/^Too many failed attempts for this account/);
  });

  it("count the submit limit per client address across both", async () => {
    const LIMIT = 4;
    const database = await freshDatabase("scale_limit");
    const [a, b] = await startInstances(database, { SUBMIT_RATE_LIMIT_PER_MINUTE: String(LIMIT) });
    servers.push(a!, b!);
    // One client, its submissions landing on either instance in turn (an empty body: refused as
    // invalid, but counted first, as every submission is).
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) {
      const instance = [a!, b!][i % 2]!;
      const answer = await fetch(`${instance.url}/api/intakes`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "198.18.7.7" },
        body: "{}",
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(400), 429]);
    // Another client is not held back by the first one's count.
    const other = await fetch(`${a!.url}/api/intakes`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": "198.18.8.8" },
      body: "{}",
    });
    expect(other.status).toBe(400);
  });
});

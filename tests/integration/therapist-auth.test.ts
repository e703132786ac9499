import { afterAll, describe, expect, it } from "vitest";
import { getAuth } from "@/lib/auth/auth";
import { SIGN_IN_LIMITS, accountWaitMs } from "@/lib/auth/sign-in-limits";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { createTherapist } from "@/lib/auth/accounts";
import { checkAndTouchSession, IDLE_TIMEOUT_MS } from "@/lib/data/sessions";
import { disableTherapist } from "@/lib/data/therapists";
import { testDatabaseUrl } from "../helpers/test-database";
import { sqlFor } from "../helpers/test-sql";

const sql = sqlFor(testDatabaseUrl);
afterAll(() => sql.close());
const countOf = async (query: string, ...params: unknown[]) => (await sql.rows<{ n: number }>(query, ...params))[0]!.n;

const PASSWORD = "correct horse battery staple";
let addressCounter = 0;
const freshAddress = () => `203.0.113.${++addressCounter}`;

function signIn(email: string, password: string, ipAddress = freshAddress(), now?: Date) {
  return signInWithPassword({ email, password, ipAddress, requestHeaders: new Headers(), now });
}

const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

function auditRows(email: string) {
  return sql.rows<{ action: string; actorId: string | null; ipAddress: string }>(
    `SELECT "action", "actorId", "ipAddress" FROM "AuditEvent" WHERE "actorEmail" = ? ORDER BY "id"`,
    email,
  );
}

function sessionToken(headers: Headers): string {
  const cookie = headers.get("set-cookie") ?? "";
  return decodeURIComponent(/better-auth\.session_token=([^;]+)/.exec(cookie)?.[1] ?? "");
}

describe("creating a therapist", () => {
  it("stores the account with a hashed password", async () => {
    const { id } = await createTherapist({ email: " Ada@Clinic.example ", name: "Ada Byrne", password: PASSWORD });
    const [user] = await sql.rows<{ disabled: unknown }>(`SELECT "email", "name", "disabled" FROM "User" WHERE "id" = ?`, id);
    expect({ ...user, disabled: Boolean(user!.disabled) }).toEqual({ email: "ada@clinic.example", name: "Ada Byrne", disabled: false });
    const [{ password }] = (await sql.rows<{ password: string }>(`SELECT "password" FROM "Account" WHERE "userId" = ?`, id)) as [{ password: string }];
    expect(password).not.toContain(PASSWORD);
    expect(password.length).toBeGreaterThan(40);
  });

  it("refuses a password under 12 characters and stores nothing", async () => {
    await expect(createTherapist({ email: "weak@clinic.example", name: "Weak", password: "short-pass1" })).rejects.toThrow(
      /at least 12 characters/,
    );
    expect(await countOf(`SELECT CAST(count(*) AS INTEGER) AS n FROM "User" WHERE "email" = 'weak@clinic.example'`)).toBe(0);
  });

  it("refuses a second account with the same email", async () => {
    await createTherapist({ email: "twice@clinic.example", name: "Twice", password: PASSWORD });
    await expect(createTherapist({ email: "twice@clinic.example", name: "Again", password: PASSWORD })).rejects.toThrow();
  });
});

describe("signing in", () => {
  it("succeeds with the right password, starts a session and records it", async () => {
    const { id } = await createTherapist({ email: "ben@clinic.example", name: "Ben Ode", password: PASSWORD });
    const address = freshAddress();
    const outcome = await signIn("Ben@Clinic.example", PASSWORD, address);
    expect(outcome).toMatchObject({ ok: true, userId: id });
    if (!outcome.ok) return;
    const session = await getAuth().api.getSession({
      headers: new Headers({ cookie: `better-auth.session_token=${encodeURIComponent(sessionToken(outcome.headers))}` }),
    });
    expect(session?.user.email).toBe("ben@clinic.example");
    expect(await auditRows("ben@clinic.example")).toEqual([{ action: "sign_in", actorId: id, ipAddress: address }]);
  });

  it("fails the same way for a wrong password and an unknown email, and records both", async () => {
    await createTherapist({ email: "cleo@clinic.example", name: "Cleo", password: PASSWORD });
    const wrong = await signIn("cleo@clinic.example", "not the password at all");
    const unknown = await signIn("nobody@clinic.example", PASSWORD);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect((await auditRows("cleo@clinic.example")).map((r) => r.action)).toEqual(["sign_in_failed"]);
    expect(await auditRows("nobody@clinic.example")).toEqual([expect.objectContaining({ action: "sign_in_failed", actorId: null })]);
  });

  it("slows an account after repeated failures from anywhere, but lets its owner in after the wait", async () => {
    await createTherapist({ email: "dev@clinic.example", name: "Dev", password: PASSWORD });
    const start = new Date();
    const free = SIGN_IN_LIMITS.perAccount.freeAttempts;
    for (let i = 0; i < free; i++) {
      expect(await signIn("dev@clinic.example", `wrong password ${i}`, freshAddress(), start)).toMatchObject({ reason: "invalid" });
    }
    // Straight after: the owner, from an address of their own, is asked to wait, not locked out.
    const owner = freshAddress();
    const early = await signIn("dev@clinic.example", PASSWORD, owner, at(start, 100));
    expect(early).toMatchObject({ ok: false, reason: "blocked", limit: "account" });
    if (!early.ok && early.reason === "blocked") expect(early.retryAfterSeconds).toBeLessThanOrEqual(accountWaitMs(free) / 1000);
    expect((await auditRows("dev@clinic.example")).at(-1)?.action).toBe("sign_in_blocked");
    // After the documented wait the right password works.
    expect(await signIn("dev@clinic.example", PASSWORD, owner, at(start, accountWaitMs(free) + 100))).toMatchObject({ ok: true });
  });

  it("checks at most 5 of 30 wrong passwords sent for one account at the same moment", async () => {
    await createTherapist({ email: "race@clinic.example", name: "Race", password: PASSWORD });
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signIn("race@clinic.example", `wrong password ${i}`, freshAddress())),
    );
    const checked = (await auditRows("race@clinic.example")).filter((r) => r.action === "sign_in_failed").length;
    expect(checked).toBe(SIGN_IN_LIMITS.perAccount.freeAttempts);
    expect(outcomes.filter((o) => o.ok === false && o.reason === "invalid")).toHaveLength(checked);
    expect(outcomes.filter((o) => o.ok === false && o.reason === "blocked")).toHaveLength(30 - checked);
  });

  it("keeps a guesser spread over many addresses to about one password check a minute, and its owner still gets in", async () => {
    await createTherapist({ email: "siege@clinic.example", name: "Siege", password: PASSWORD });
    const start = new Date();
    const hour = 60 * 60_000;
    // A new address every try, one try every 10 seconds, for an hour.
    for (let t = 0; t < hour; t += 10_000) await signIn("siege@clinic.example", "not the password!", freshAddress(), at(start, t));
    const checked = (await auditRows("siege@clinic.example")).filter((r) => r.action === "sign_in_failed").length;
    const bound = SIGN_IN_LIMITS.perAccount.freeAttempts + 5 + hour / SIGN_IN_LIMITS.perAccount.longestWaitMs;
    expect(checked).toBeGreaterThan(SIGN_IN_LIMITS.perAccount.freeAttempts);
    expect(checked).toBeLessThanOrEqual(bound);
    // The owner, a minute after the last guess, signs in at the first try.
    const owner = freshAddress();
    expect(await signIn("siege@clinic.example", PASSWORD, owner, at(start, hour + SIGN_IN_LIMITS.perAccount.longestWaitMs))).toMatchObject({
      ok: true,
    });
  });

  it("forgets expired counts: the table does not only grow", async () => {
    const past = Date.now() - 60 * 60_000;
    await sql.run(`INSERT INTO "SignInThrottle" ("key", "attempts", "notBefore", "expiresAt") VALUES (?, 3, ?, ?)`, "address:192.0.2.250", past, past);
    await signIn("whoever@clinic.example", "any password at all");
    expect(await countOf(`SELECT CAST(count(*) AS INTEGER) AS n FROM "SignInThrottle" WHERE "key" = 'address:192.0.2.250'`)).toBe(0);
  });

  it("refuses an address after repeated failures across accounts", async () => {
    await createTherapist({ email: "eve@clinic.example", name: "Eve", password: PASSWORD });
    const address = freshAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.attempts; i++) {
      await signIn(`guess${i}@clinic.example`, "wrong password here", address);
    }
    expect(await signIn("eve@clinic.example", PASSWORD, address)).toMatchObject({ reason: "blocked", limit: "address" });
    expect(await signIn("eve@clinic.example", PASSWORD, freshAddress())).toMatchObject({ ok: true });
  });

  it("clears an account's failures after a success", async () => {
    await createTherapist({ email: "fay@clinic.example", name: "Fay", password: PASSWORD });
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.freeAttempts - 1; i++) await signIn("fay@clinic.example", "wrong password!!");
    expect(await signIn("fay@clinic.example", PASSWORD)).toMatchObject({ ok: true });
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.freeAttempts - 1; i++) await signIn("fay@clinic.example", "wrong password!!");
    expect(await signIn("fay@clinic.example", PASSWORD)).toMatchObject({ ok: true });
  });
});

describe("sessions", () => {
  it("end after 30 minutes without activity", async () => {
    await createTherapist({ email: "gus@clinic.example", name: "Gus", password: PASSWORD });
    const outcome = await signIn("gus@clinic.example", PASSWORD);
    if (!outcome.ok) throw new Error("sign-in failed");
    const [{ id }] = (await sql.rows<{ id: string }>(`SELECT "id" FROM "Session" WHERE "userId" = ?`, outcome.userId)) as [{ id: string }];

    const soon = new Date(Date.now() + IDLE_TIMEOUT_MS - 60_000);
    expect(await checkAndTouchSession(id, soon)).toBe("active");
    // Activity moved the clock on: another 29 minutes later it is still active.
    expect(await checkAndTouchSession(id, new Date(soon.getTime() + IDLE_TIMEOUT_MS - 60_000))).toBe("active");
    expect(await checkAndTouchSession(id, new Date(soon.getTime() + 2 * IDLE_TIMEOUT_MS))).toBe("idle");
    expect(await countOf(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Session" WHERE "id" = ?`, id)).toBe(0);
  });

  it("end at once when the account is disabled, and no new one can start", async () => {
    await createTherapist({ email: "hal@clinic.example", name: "Hal", password: PASSWORD });
    const outcome = await signIn("hal@clinic.example", PASSWORD);
    if (!outcome.ok) throw new Error("sign-in failed");
    expect(await disableTherapist("hal@clinic.example")).toBe(true);
    expect(await countOf(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Session" WHERE "userId" = ?`, outcome.userId)).toBe(0);
    expect(await signIn("hal@clinic.example", PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });
});

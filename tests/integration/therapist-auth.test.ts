import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { getAuth } from "@/lib/auth/auth";
import { SIGN_IN_LIMITS } from "@/lib/auth/rate-limit";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { createTherapist } from "@/lib/auth/therapists";
import { checkAndTouchSession, IDLE_TIMEOUT_MS } from "@/lib/data/sessions";
import { disableTherapist } from "@/lib/data/therapists";
import { testDatabasePath } from "../helpers/test-database";

const sqlite = new Database(testDatabasePath);
afterAll(() => sqlite.close());

const PASSWORD = "correct horse battery staple";
let addressCounter = 0;
const freshAddress = () => `203.0.113.${++addressCounter}`;

function signIn(email: string, password: string, ipAddress = freshAddress()) {
  return signInWithPassword({ email, password, ipAddress, requestHeaders: new Headers() });
}

function auditRows(email: string) {
  return sqlite.prepare("SELECT action, actorId, ipAddress FROM AuditEvent WHERE actorEmail = ? ORDER BY id").all(email) as {
    action: string;
    actorId: string | null;
    ipAddress: string;
  }[];
}

function sessionToken(headers: Headers): string {
  const cookie = headers.get("set-cookie") ?? "";
  return decodeURIComponent(/better-auth\.session_token=([^;]+)/.exec(cookie)?.[1] ?? "");
}

describe("creating a therapist", () => {
  it("stores the account with a hashed password", async () => {
    const { id } = await createTherapist({ email: " Ada@Clinic.example ", name: "Ada Byrne", password: PASSWORD });
    const user = sqlite.prepare("SELECT email, name, disabled FROM User WHERE id = ?").get(id);
    expect(user).toEqual({ email: "ada@clinic.example", name: "Ada Byrne", disabled: 0 });
    const { password } = sqlite.prepare("SELECT password FROM Account WHERE userId = ?").get(id) as { password: string };
    expect(password).not.toContain(PASSWORD);
    expect(password.length).toBeGreaterThan(40);
  });

  it("refuses a password under 12 characters and stores nothing", async () => {
    await expect(createTherapist({ email: "weak@clinic.example", name: "Weak", password: "short-pass1" })).rejects.toThrow(
      /at least 12 characters/,
    );
    expect(sqlite.prepare("SELECT count(*) AS n FROM User WHERE email = 'weak@clinic.example'").get()).toEqual({ n: 0 });
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
    expect(auditRows("ben@clinic.example")).toEqual([{ action: "sign_in", actorId: id, ipAddress: address }]);
  });

  it("fails the same way for a wrong password and an unknown email, and records both", async () => {
    await createTherapist({ email: "cleo@clinic.example", name: "Cleo", password: PASSWORD });
    const wrong = await signIn("cleo@clinic.example", "not the password at all");
    const unknown = await signIn("nobody@clinic.example", PASSWORD);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
    expect(auditRows("cleo@clinic.example").map((r) => r.action)).toEqual(["sign_in_failed"]);
    expect(auditRows("nobody@clinic.example")).toEqual([expect.objectContaining({ action: "sign_in_failed", actorId: null })]);
  });

  it("refuses an account after repeated failures, even with the right password, from any address", async () => {
    await createTherapist({ email: "dev@clinic.example", name: "Dev", password: PASSWORD });
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.points; i++) {
      expect(await signIn("dev@clinic.example", `wrong password ${i}`)).toMatchObject({ reason: "invalid" });
    }
    const blocked = await signIn("dev@clinic.example", PASSWORD);
    expect(blocked).toMatchObject({ ok: false, reason: "blocked" });
    if (!blocked.ok) expect(blocked.retryAfterSeconds).toBeGreaterThan(60);
    expect(auditRows("dev@clinic.example").at(-1)?.action).toBe("sign_in_blocked");
  });

  it("refuses an address after repeated failures across accounts", async () => {
    await createTherapist({ email: "eve@clinic.example", name: "Eve", password: PASSWORD });
    const address = freshAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.perAddress.points; i++) {
      await signIn(`guess${i}@clinic.example`, "wrong password here", address);
    }
    expect(await signIn("eve@clinic.example", PASSWORD, address)).toMatchObject({ reason: "blocked" });
    expect(await signIn("eve@clinic.example", PASSWORD, freshAddress())).toMatchObject({ ok: true });
  });

  it("clears an account's failures after a success", async () => {
    await createTherapist({ email: "fay@clinic.example", name: "Fay", password: PASSWORD });
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.points - 1; i++) await signIn("fay@clinic.example", "wrong password!!");
    expect(await signIn("fay@clinic.example", PASSWORD)).toMatchObject({ ok: true });
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount.points - 1; i++) await signIn("fay@clinic.example", "wrong password!!");
    expect(await signIn("fay@clinic.example", PASSWORD)).toMatchObject({ ok: true });
  });
});

describe("sessions", () => {
  it("end after 30 minutes without activity", async () => {
    await createTherapist({ email: "gus@clinic.example", name: "Gus", password: PASSWORD });
    const outcome = await signIn("gus@clinic.example", PASSWORD);
    if (!outcome.ok) throw new Error("sign-in failed");
    const { id } = sqlite.prepare("SELECT id FROM Session WHERE userId = ?").get(outcome.userId) as { id: string };

    const soon = new Date(Date.now() + IDLE_TIMEOUT_MS - 60_000);
    expect(await checkAndTouchSession(id, soon)).toBe("active");
    // Activity moved the clock on: another 29 minutes later it is still active.
    expect(await checkAndTouchSession(id, new Date(soon.getTime() + IDLE_TIMEOUT_MS - 60_000))).toBe("active");
    expect(await checkAndTouchSession(id, new Date(soon.getTime() + 2 * IDLE_TIMEOUT_MS))).toBe("idle");
    expect(sqlite.prepare("SELECT count(*) AS n FROM Session WHERE id = ?").get(id)).toEqual({ n: 0 });
  });

  it("end at once when the account is disabled, and no new one can start", async () => {
    await createTherapist({ email: "hal@clinic.example", name: "Hal", password: PASSWORD });
    const outcome = await signIn("hal@clinic.example", PASSWORD);
    if (!outcome.ok) throw new Error("sign-in failed");
    expect(await disableTherapist("hal@clinic.example")).toBe(true);
    expect(sqlite.prepare("SELECT count(*) AS n FROM Session WHERE userId = ?").get(outcome.userId)).toEqual({ n: 0 });
    expect(await signIn("hal@clinic.example", PASSWORD)).toEqual({ ok: false, reason: "invalid" });
  });
});

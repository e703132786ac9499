/**
 * The staff guards, called directly (no browser): requireTherapist's idle and disabled checks, the
 * review action's session and acknowledgement checks, and the view the submission page records.
 * Next's request scope is stood in for by the request's headers; everything else is real.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { requireTherapist } from "@/lib/auth/session";
import { createTherapist } from "@/lib/auth/accounts";
import { getDb } from "@/lib/db";
import { createIntake } from "@/lib/data/intakes";
import { IDLE_TIMEOUT_MS } from "@/lib/data/sessions";
import { intakeSchema } from "@/lib/intake/schema";
import { markReviewed } from "@/app/(staff)/dashboard/submissions/[id]/actions";
import { eraseClientData } from "@/app/(staff)/dashboard/clients/[id]/actions";
import { openSubmission } from "@/app/(staff)/dashboard/submissions/[id]/open-submission";
import { validIntake } from "../helpers/intake-fixtures";
import { testDatabaseUrl } from "../helpers/test-database";
import { sqlFor } from "../helpers/test-sql";

const request = vi.hoisted(() => {
  // What next.config.js's experimental.authInterrupts sets in a build: forbidden() works.
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
  return { headers: new Headers() };
});
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const sql = sqlFor(testDatabaseUrl);
afterAll(() => sql.close());
const countOf = async (query: string, ...params: unknown[]) => (await sql.rows<{ n: number }>(query, ...params))[0]!.n;

const PASSWORD = "correct horse battery staple";
const ADDRESS = "198.51.100.77";

/** Signs a new therapist in and makes the "request" carry their session cookie. */
async function signedIn(email: string, { owner = false } = {}) {
  const { id } = await createTherapist({ email, name: `Therapist ${email}`, password: PASSWORD, owner });
  const outcome = await signInWithPassword({ email, password: PASSWORD, ipAddress: ADDRESS, requestHeaders: new Headers() });
  if (!outcome.ok) throw new Error("sign-in failed");
  const cookie = /better-auth\.session_token=[^;]+/.exec(outcome.headers.get("set-cookie") ?? "")?.[0];
  request.headers = new Headers({ cookie: cookie ?? "", "x-forwarded-for": ADDRESS });
  const [session] = await sql.rows<{ id: string }>(`SELECT "id" FROM "Session" WHERE "userId" = ?`, id);
  return { userId: id, sessionId: session!.id };
}

/** The redirect Next would send, from the error next/navigation throws. */
async function redirectOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string" || !digest.startsWith("NEXT_REDIRECT")) throw new Error(`expected a redirect, got ${String(error)}`);
  return digest.split(";")[2]!;
}

/** The HTTP status forbidden() (or another interrupt) would answer with. */
async function interruptOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string" || !digest.startsWith("NEXT_HTTP_ERROR_FALLBACK")) throw new Error(`expected an HTTP interrupt, got ${String(error)}`);
  return digest.split(";")[1]!;
}

async function newIntake(conditions: string[] = []) {
  const input = intakeSchema.parse(validIntake({ conditions: conditions as never }));
  return createIntake(input, randomUUID());
}

const reviewForm = (intakeId: string, acknowledged: string[] = []) => {
  const form = new FormData();
  form.set("intakeId", intakeId);
  form.set("note", "");
  for (const id of acknowledged) form.append("acknowledged", id);
  return form;
};

const statusOf = async (id: string) => (await sql.rows<{ status: string }>(`SELECT "status" FROM "Intake" WHERE "id" = ?`, id))[0]!.status;
const auditOf = (intakeId: string) =>
  sql.rows(`SELECT "action", "actorId", "ipAddress" FROM "AuditEvent" WHERE "intakeId" = ? ORDER BY "id"`, intakeId);

beforeEach(() => {
  request.headers = new Headers();
});

describe("requireTherapist", () => {
  it("lets an active session through", async () => {
    const { userId } = await signedIn("active@clinic.example");
    expect(await requireTherapist()).toMatchObject({ id: userId, email: "active@clinic.example" });
  });

  it("sends a session idle for 31 minutes to the sign-in page and ends it", async () => {
    const { sessionId } = await signedIn("idle@clinic.example");
    await getDb().session.update({ where: { id: sessionId }, data: { lastActiveAt: new Date(Date.now() - IDLE_TIMEOUT_MS - 60_000) } });
    expect(await redirectOf(requireTherapist())).toBe("/login?ended=idle");
    expect(await countOf(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Session" WHERE "id" = ?`, sessionId)).toBe(0);
  });

  it("sends a disabled account's session to the sign-in page", async () => {
    const { userId, sessionId } = await signedIn("off@clinic.example");
    await getDb().user.update({ where: { id: userId }, data: { disabled: true } });
    expect(await redirectOf(requireTherapist())).toBe("/login");
    expect(await countOf(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Session" WHERE "id" = ?`, sessionId)).toBe(0);
  });

  it("ends a session 12 hours after sign-in, however active it was", async () => {
    const { sessionId } = await signedIn("twelve-hours@clinic.example");
    // 11 hours 59 minutes in, active a minute ago: still in.
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    await getDb().session.update({ where: { id: sessionId }, data: { createdAt: minutesAgo(12 * 60 - 1), lastActiveAt: minutesAgo(1) } });
    expect((await requireTherapist()).sessionId).toBe(sessionId);
    // 12 hours and a minute in, active a minute ago: ended.
    await getDb().session.update({ where: { id: sessionId }, data: { createdAt: minutesAgo(12 * 60 + 1), lastActiveAt: minutesAgo(1) } });
    expect(await redirectOf(requireTherapist())).toBe("/login?ended=expired");
    expect(await countOf(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Session" WHERE "id" = ?`, sessionId)).toBe(0);
  });

  it("sends a request without a session to the sign-in page", async () => {
    expect(await redirectOf(requireTherapist())).toBe("/login");
  });
});

describe("markReviewed, called as the action", () => {
  it("refuses a request without a session and changes nothing", async () => {
    const { id } = await newIntake();
    expect(await redirectOf(markReviewed(null, reviewForm(id)))).toBe("/login");
    expect(await statusOf(id)).toBe("new");
    expect(await countOf(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Review" WHERE "intakeId" = ?`, id)).toBe(0);
  });

  it("refuses until every serious precaution is acknowledged, then records the review", async () => {
    const { userId } = await signedIn("reviewer@clinic.example");
    const { id } = await newIntake(["feverToday"]);
    const refused = await markReviewed(null, reviewForm(id));
    expect(refused).toMatchObject({ ok: false, fieldErrors: { acknowledged: expect.stringMatching(/1 of 1 still to tick/) } });
    expect(await statusOf(id)).toBe("new");

    expect(await markReviewed(null, reviewForm(id, ["stop.fever"]))).toEqual({ ok: true, data: null });
    expect(await statusOf(id)).toBe("reviewed");
    expect(await auditOf(id)).toEqual([{ action: "intake_review", actorId: userId, ipAddress: ADDRESS }]);
  });
});

describe("the submission page's data", () => {
  it("is refused without a session, and no view is recorded", async () => {
    const { id } = await newIntake();
    expect(await redirectOf(openSubmission(id))).toBe("/login");
    expect(await auditOf(id)).toEqual([]);
  });

  it("records the view, with who and from where, before it is shown", async () => {
    const { userId } = await signedIn("viewer@clinic.example");
    const { id } = await newIntake();
    const opened = await openSubmission(id);
    expect(opened?.intake.id).toBe(id);
    expect(await auditOf(id)).toEqual([{ action: "intake_view", actorId: userId, ipAddress: ADDRESS }]);
    expect(opened?.trail.map((e) => e.action)).toEqual(["intake_view"]);
  });
});

describe("eraseClientData, the owner's alone", () => {
  const newClient = async (fullName: string) =>
    (await getDb().client.create({ data: { fullName, fullNameSearch: fullName.toLowerCase(), email: `${randomUUID()}@example.com` }, select: { id: true } })).id;
  const eraseForm = (clientId: string, confirmName: string) => {
    const form = new FormData();
    form.set("clientId", clientId);
    form.set("confirmName", confirmName);
    return form;
  };
  const clientCount = async (id: string) => (await sql.rows<{ n: number }>(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Client" WHERE "id" = ?`, id))[0]!.n;

  it("sends a request without a session to sign in, and a therapist who is not the owner gets 403; nothing is erased", async () => {
    const id = await newClient("Una Touched");
    expect(await redirectOf(eraseClientData(null, eraseForm(id, "Una Touched")))).toBe("/login");
    await signedIn("not-an-owner@clinic.example");
    expect(await interruptOf(eraseClientData(null, eraseForm(id, "Una Touched")))).toBe("403");
    expect(await clientCount(id)).toBe(1);
    expect(await countOf(`SELECT CAST(count(*) AS INTEGER) AS n FROM "AuditEvent" WHERE "clientId" = ?`, id)).toBe(0);
  });

  it("asks the owner for the client's name, then erases and records who erased whom", async () => {
    const { userId } = await signedIn("owner@clinic.example", { owner: true });
    const id = await newClient("Ezra Erased");
    expect(await eraseClientData(null, eraseForm(id, "Ezra"))).toMatchObject({ ok: false, fieldErrors: { confirmName: expect.any(String) } });
    expect(await clientCount(id)).toBe(1);
    expect(await redirectOf(eraseClientData(null, eraseForm(id, "  ezra   erased ")))).toBe("/dashboard?notice=erased");
    expect(await clientCount(id)).toBe(0);
    expect(await sql.rows(`SELECT "action", "actorId", "clientId" FROM "AuditEvent" WHERE "clientId" = ?`, id)).toEqual([
      { action: "client_erased", actorId: userId, clientId: id },
    ]);
  });
});

/**
 * REQUIRE_TWO_FACTOR: a therapist without two-factor sign-in is sent to set it up before any
 * staff page or action runs; the setup page itself lets them in; once it is on, nothing stops them.
 */
import { describe, expect, it, vi } from "vitest";
import { createTherapist } from "@/lib/auth/accounts";
import { exportAccess } from "@/lib/auth/export-access";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { requireSignedIn, requireTherapist } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { parseEnv } from "@/lib/env";

const request = vi.hoisted(() => {
  process.env.REQUIRE_TWO_FACTOR = "1";
  return { headers: new Headers() };
});
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
}));

async function redirectOf(promise: Promise<unknown>): Promise<string | null> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && digest.startsWith("NEXT_REDIRECT") ? digest.split(";")[2]! : null;
}

describe("REQUIRE_TWO_FACTOR", () => {
  it("is on by default in production only", () => {
    expect(parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(40) }).requireTwoFactor).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(40), REQUIRE_TWO_FACTOR: "0" }).requireTwoFactor).toBe(false);
    expect(parseEnv({ NODE_ENV: "development" }).requireTwoFactor).toBe(false);
    expect(() => parseEnv({ REQUIRE_TWO_FACTOR: "yes" })).toThrow(/REQUIRE_TWO_FACTOR/);
  });

  it("sends a therapist without it to set it up, and lets them through once it is on", async () => {
    const { id } = await createTherapist({ email: "needs2fa@clinic.example", name: "Nia Needs", password: "needs-two-factor-password" });
    const outcome = await signInWithPassword({ email: "needs2fa@clinic.example", password: "needs-two-factor-password", ipAddress: "198.51.100.90", requestHeaders: new Headers() });
    if (!outcome.ok) throw new Error("sign-in failed");
    const cookie = /better-auth\.session_token=[^;]+/.exec(outcome.headers.get("set-cookie") ?? "")?.[0] ?? "";
    request.headers = new Headers({ cookie });
    expect(await redirectOf(requireTherapist())).toBe("/two-factor");
    expect((await requireSignedIn()).id).toBe(id);
    // Nor does an export read with the session alone (FHIR, CSV, PDF).
    const exportRequest = new Request("http://localhost/api/exports/intakes.csv");
    expect(await exportAccess(exportRequest)).toEqual({ kind: "refused" });
    await getDb().user.update({ where: { id }, data: { twoFactorEnabled: true } });
    expect((await requireTherapist()).id).toBe(id);
    expect(await exportAccess(exportRequest)).toEqual({ kind: "therapist", userId: id, apiKeyId: null });
  });
});

/**
 * The owner's team tools on a real database: a therapist added by email sets a password from a
 * one-time link (once, within 72 hours), a disabled account's sessions end, a reset second factor
 * forgets the authenticator and backup codes; each change is audited with whom it concerned.
 */
import { describe, expect, it } from "vitest";
import { createTherapist } from "@/lib/auth/accounts";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { addTherapist, sendSetPasswordLink, setPasswordFromLink } from "@/lib/auth/team";
import { disableAccount, listTeam, resetTwoFactor } from "@/lib/data/team";
import { getDb } from "@/lib/db";

const PASSWORD = "a-new-therapists-password";
const signIn = (email: string, password: string) => signInWithPassword({ email, password, ipAddress: "198.51.100.120", requestHeaders: new Headers() });

describe("the team", () => {
  it("adds a therapist who sets their password once from the link, and is audited", async () => {
    const owner = await createTherapist({ email: "team-owner@clinic.example", name: "Olu Owner", password: "the-owners-password", owner: true });
    const added = await addTherapist({ name: "Nell Newhire", email: "nell@clinic.example" }, { ownerId: owner.id, ipAddress: "198.51.100.121" });
    expect(added.email.sent).toBe(true);
    const token = added.link.split("/set-password/")[1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await listTeam()).find((m) => m.id === added.userId)).toMatchObject({ role: "therapist", hasPassword: false });
    // Nobody knows the password it was made with.
    expect((await signIn("nell@clinic.example", PASSWORD)).ok).toBe(false);

    expect(await setPasswordFromLink(token, PASSWORD, "203.0.113.5")).toBe("set");
    expect((await signIn("nell@clinic.example", PASSWORD)).ok).toBe(true);
    expect(await setPasswordFromLink(token, "another-password-entirely", "203.0.113.5")).toBe("link-not-valid");
    expect(await setPasswordFromLink("A".repeat(43), "another-password-entirely", "203.0.113.5")).toBe("link-not-valid");
    expect((await listTeam()).find((m) => m.id === added.userId)).toMatchObject({ hasPassword: true });
    const audit = await getDb().auditEvent.findMany({ where: { OR: [{ subjectUserId: added.userId }, { actorId: added.userId, action: "password_set" }] }, select: { action: true, actorId: true } });
    expect(audit).toEqual(expect.arrayContaining([{ action: "team_added", actorId: owner.id }, { action: "password_set", actorId: added.userId }]));
  });

  it("sends a new link that replaces the earlier one", async () => {
    const owner = await createTherapist({ email: "team-owner3@clinic.example", name: "Ona Owner", password: "the-owners-password", owner: true });
    const added = await addTherapist({ name: "Rae Resent", email: "rae@clinic.example" }, { ownerId: owner.id, ipAddress: "198.51.100.123" });
    const again = await sendSetPasswordLink({ id: added.userId, name: "Rae Resent", email: "rae@clinic.example" });
    expect(await setPasswordFromLink(added.link.split("/set-password/")[1]!, PASSWORD, "203.0.113.7")).toBe("link-not-valid");
    expect(await setPasswordFromLink(again.link.split("/set-password/")[1]!, PASSWORD, "203.0.113.7")).toBe("set");
  });

  it("refuses a link past its 72 hours", async () => {
    const owner = await createTherapist({ email: "team-owner2@clinic.example", name: "Oda Owner", password: "the-owners-password", owner: true });
    const added = await addTherapist({ name: "Lev Late", email: "lev@clinic.example" }, { ownerId: owner.id, ipAddress: "198.51.100.122" });
    await getDb().verification.updateMany({ where: { value: added.userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await setPasswordFromLink(added.link.split("/set-password/")[1]!, PASSWORD, "203.0.113.6")).toBe("link-not-valid");
  });

  it("ends a disabled account's sessions, and forgets a reset second factor", async () => {
    const { id } = await createTherapist({ email: "dina@clinic.example", name: "Dina Done", password: PASSWORD });
    expect((await signIn("dina@clinic.example", PASSWORD)).ok).toBe(true);
    await getDb().twoFactor.create({ data: { id: "tf-dina", secret: "x", backupCodes: "y", userId: id } });
    await getDb().user.update({ where: { id }, data: { twoFactorEnabled: true } });

    expect(await resetTwoFactor(id)).toBe(true);
    expect(await getDb().twoFactor.count({ where: { userId: id } })).toBe(0);
    expect((await getDb().user.findUniqueOrThrow({ where: { id } })).twoFactorEnabled).toBe(false);
    expect(await getDb().session.count({ where: { userId: id } })).toBe(0);

    expect((await signIn("dina@clinic.example", PASSWORD)).ok).toBe(true);
    expect(await disableAccount(id)).toBe(true);
    expect(await getDb().session.count({ where: { userId: id } })).toBe(0);
    expect((await signIn("dina@clinic.example", PASSWORD)).ok).toBe(false);
    expect(await disableAccount(id)).toBe(false);
  });
});

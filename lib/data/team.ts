import "server-only";
import { getDb, type Db } from "@/lib/db";

/** The clinic's accounts as the owner's Team page lists and changes them. */

export type TeamMember = { id: string; name: string; email: string; role: string; disabled: boolean; twoFactorEnabled: boolean; hasPassword: boolean };

export async function listTeam(db: Db = getDb()): Promise<TeamMember[]> {
  const users = await db.user.findMany({
    orderBy: [{ disabled: "asc" }, { name: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, name: true, email: true, role: true, disabled: true, twoFactorEnabled: true },
  });
  const pending = new Set(
    (await db.verification.findMany({ where: { identifier: { startsWith: "set-password:" }, expiresAt: { gt: new Date() } }, select: { value: true } })).map((v) => v.value),
  );
  return users.map((u) => ({ ...u, hasPassword: !pending.has(u.id) }));
}

/** Disables an account by id and ends its sessions at once; false if it is gone or already disabled. */
export async function disableAccount(userId: string, db: Db = getDb()): Promise<boolean> {
  const [updated] = await db.$transaction([
    db.user.updateMany({ where: { id: userId, disabled: false }, data: { disabled: true } }),
    db.session.deleteMany({ where: { userId } }),
  ]);
  return updated.count === 1;
}

/** Forgets an account's authenticator and backup codes (a lost phone); its sessions end. */
export async function resetTwoFactor(userId: string, db: Db = getDb()): Promise<boolean> {
  const [updated] = await db.$transaction([
    db.user.updateMany({ where: { id: userId }, data: { twoFactorEnabled: false } }),
    db.twoFactor.deleteMany({ where: { userId } }),
    db.session.deleteMany({ where: { userId } }),
  ]);
  return updated.count === 1;
}

/** An account's one-time set-password link: its token's hash, until when. Replaces any earlier one. */
export async function replaceSetPasswordLink(tokenHash: string, userId: string, expiresAt: Date, db: Db = getDb()): Promise<void> {
  const now = new Date();
  await db.$transaction([
    db.verification.deleteMany({ where: { identifier: { startsWith: "set-password:" }, value: userId } }),
    db.verification.create({
      data: { id: `set-password-${tokenHash.slice(0, 24)}`, identifier: `set-password:${tokenHash}`, value: userId, expiresAt, createdAt: now, updatedAt: now },
      select: { id: true },
    }),
  ]);
}

export async function findAccount(userId: string, db: Db = getDb()) {
  return db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, disabled: true } });
}

/** Takes a set-password link (it works once): the account, or null when unknown or expired. */
export async function takeSetPasswordLink(tokenHash: string, now: Date, db: Db = getDb()): Promise<string | null> {
  const found = await db.verification.findFirst({ where: { identifier: `set-password:${tokenHash}` }, select: { id: true, value: true, expiresAt: true } });
  if (!found) return null;
  const taken = await db.verification.deleteMany({ where: { id: found.id } });
  if (taken.count !== 1 || found.expiresAt.getTime() < now.getTime()) return null;
  return found.value;
}

/** Whether a set-password link is still good (for showing its page), without taking it. */
export async function setPasswordLinkIsOpen(tokenHash: string, now: Date, db: Db = getDb()): Promise<boolean> {
  const found = await db.verification.findFirst({ where: { identifier: `set-password:${tokenHash}` }, select: { expiresAt: true } });
  return found !== null && found.expiresAt.getTime() >= now.getTime();
}

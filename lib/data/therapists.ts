import "server-only";
import { getDb } from "@/lib/db";

export type Therapist = { id: string; name: string; email: string };

/** The owner may erase a client's data and manage the team; a therapist may not. */
export type Role = "owner" | "therapist";

export async function isOwner(userId: string): Promise<boolean> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { role: true, disabled: true } });
  return user?.role === "owner" && !user.disabled;
}

export async function countOwners(): Promise<number> {
  return getDb().user.count({ where: { role: "owner", disabled: false } });
}

export async function setRole(userId: string, role: Role): Promise<void> {
  await getDb().user.update({ where: { id: userId }, data: { role }, select: { id: true } });
}

export async function isTherapistDisabled(userId: string): Promise<boolean> {
  const user = await getDb().user.findUnique({ where: { id: userId }, select: { disabled: true } });
  return !user || user.disabled;
}

export async function findTherapistByEmail(email: string) {
  return getDb().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, name: true, email: true, disabled: true },
  });
}

export async function countTherapists(): Promise<number> {
  return getDb().user.count();
}

/** Disables an account and ends every one of its sessions at once. */
export async function disableTherapist(email: string): Promise<boolean> {
  const db = getDb();
  const user = await findTherapistByEmail(email);
  if (!user) return false;
  await db.$transaction([
    db.user.update({ where: { id: user.id }, data: { disabled: true } }),
    db.session.deleteMany({ where: { userId: user.id } }),
  ]);
  return true;
}

/** The clinic's one enabled owner, or null when it has none or several. */
export async function soleOwner(): Promise<{ id: string; email: string } | null> {
  const owners = await getDb().user.findMany({ where: { role: "owner", disabled: false }, select: { id: true, email: true }, take: 2 });
  return owners.length === 1 ? owners[0]! : null;
}

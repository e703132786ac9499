import "server-only";
import { getDb } from "@/lib/db";

/** Sessions end after this long without a request. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
/** Sessions end this long after sign-in, however active (better-auth's own expiry is a day without "remember me"). */
export const MAX_SESSION_MS = 12 * 60 * 60 * 1000;
/** lastActiveAt is written at most this often, so reading a page rarely costs a write. */
const TOUCH_EVERY_MS = 60 * 1000;

export type SessionCheck = "active" | "idle" | "expired" | "disabled" | "gone";

/**
 * Checks a session on each staff request: ends it when idle for 30 minutes, 12 hours after sign-in,
 * or when its account was disabled, and otherwise records the activity.
 */
export async function checkAndTouchSession(sessionId: string, now = new Date()): Promise<SessionCheck> {
  const db = getDb();
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { lastActiveAt: true, createdAt: true, user: { select: { disabled: true } } },
  });
  if (!session) return "gone";
  if (session.user.disabled) {
    await db.session.deleteMany({ where: { id: sessionId } });
    return "disabled";
  }
  if (now.getTime() - session.createdAt.getTime() > MAX_SESSION_MS) {
    await db.session.deleteMany({ where: { id: sessionId } });
    return "expired";
  }
  const idleFor = now.getTime() - session.lastActiveAt.getTime();
  if (idleFor > IDLE_TIMEOUT_MS) {
    await db.session.deleteMany({ where: { id: sessionId } });
    return "idle";
  }
  if (idleFor > TOUCH_EVERY_MS) {
    await db.session.update({ where: { id: sessionId }, data: { lastActiveAt: now } });
  }
  return "active";
}

/** Ends every session of an account that began before a moment (two-factor sign-in was just turned on). */
export async function endSessionsBefore(userId: string, moment: Date): Promise<number> {
  const ended = await getDb().session.deleteMany({ where: { userId, createdAt: { lt: moment } } });
  return ended.count;
}

import "server-only";
import { getDb } from "@/lib/db";

/**
 * The integrations' API keys as stored by better-auth's API key plugin (lib/auth/auth.ts): only
 * the hash of each key, its first characters and who made it. Made through the plugin
 * (lib/auth/api-keys.ts); listed and revoked here. A revoked key is disabled, not deleted, so the
 * audit trail can still name the integration that read an intake.
 */

export type ApiKeySummary = {
  id: string;
  name: string;
  /** The first characters of the key, to recognise it. */
  start: string;
  ownerEmail: string;
  createdAt: Date;
  lastRequest: Date | null;
  /** "active", "revoked", or "owner disabled" (refused: its owner account was disabled). */
  state: "active" | "revoked" | "owner disabled";
};

export async function listApiKeys(): Promise<ApiKeySummary[]> {
  const rows = await getDb().apiKey.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, start: true, createdAt: true, lastRequest: true, enabled: true, user: { select: { email: true, disabled: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name ?? "",
    start: r.start ?? "",
    ownerEmail: r.user.email,
    createdAt: r.createdAt,
    lastRequest: r.lastRequest,
    state: r.enabled === false ? "revoked" : r.user.disabled ? "owner disabled" : "active",
  }));
}

/**
 * Revokes a key: the plugin refuses a disabled key, so the next request with it gets 401. Returns
 * whom it belonged to, or null when no key that still worked had this id.
 */
export async function revokeApiKey(id: string): Promise<{ referenceId: string } | null> {
  const db = getDb();
  const key = await db.apiKey.findUnique({ where: { id }, select: { referenceId: true, enabled: true } });
  if (!key || key.enabled === false) return null;
  const { count } = await db.apiKey.updateMany({ where: { id, NOT: { enabled: false } }, data: { enabled: false } });
  return count === 1 ? { referenceId: key.referenceId } : null;
}

import "server-only";
import { getDb } from "@/lib/db";

/**
 * The integrations' API keys as stored by better-auth's API key plugin (lib/auth/auth.ts): only
 * the hash of each key, its first characters and who made it. Made through the plugin
 * (lib/auth/api-keys.ts); listed and revoked here.
 */

export type ApiKeySummary = {
  id: string;
  name: string;
  /** The first characters of the key, to recognise it. */
  start: string;
  ownerEmail: string;
  createdAt: Date;
  lastRequest: Date | null;
  expiresAt: Date | null;
};

export async function listApiKeys(): Promise<ApiKeySummary[]> {
  const rows = await getDb().apiKey.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, start: true, createdAt: true, lastRequest: true, expiresAt: true, user: { select: { email: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name ?? "",
    start: r.start ?? "",
    ownerEmail: r.user.email,
    createdAt: r.createdAt,
    lastRequest: r.lastRequest,
    expiresAt: r.expiresAt,
  }));
}

/** Deletes a key: the next request with it gets 401. Returns whom it belonged to, or null if none had this id. */
export async function deleteApiKey(id: string): Promise<{ referenceId: string } | null> {
  const db = getDb();
  const key = await db.apiKey.findUnique({ where: { id }, select: { referenceId: true } });
  if (!key) return null;
  await db.apiKey.deleteMany({ where: { id } });
  return key;
}

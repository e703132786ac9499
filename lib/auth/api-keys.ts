import "server-only";
import { recordAudit } from "@/lib/data/audit";
import { revokeApiKey } from "@/lib/data/api-keys";
import { findTherapistByEmail, isOwner, soleOwner } from "@/lib/data/therapists";
import { getAuth } from "./auth";

/**
 * Making and revoking the API keys integrations read exports with (`npm run apikey:create`,
 * `apikey:revoke`). A key is made by an owner account and can do one thing: read exports.
 */

export type CreatedApiKey = { id: string; name: string; key: string; ownerEmail: string };

/** The owner a key is made for: the one named, or the clinic's only owner. */
async function ownerFor(email: string | undefined): Promise<{ id: string; email: string }> {
  if (email) {
    const user = await findTherapistByEmail(email);
    if (!user || user.disabled || !(await isOwner(user.id))) throw new Error(`${email} is not an owner account that is enabled`);
    return user;
  }
  const owner = await soleOwner();
  if (!owner) throw new Error("the clinic has more than one owner (or none): name one with --owner <email>");
  return owner;
}

/**
 * A key does not expire by itself: the plugin deletes expired keys, and the audit trail would lose
 * the name of the integration. It works until revoked, or until its owner is disabled.
 */
export async function createExportApiKey(input: { name: string; ownerEmail?: string }): Promise<CreatedApiKey> {
  const name = input.name.trim();
  if (!name || name.length > 32) throw new Error("the name must be 1 to 32 characters, such as \"Practice EHR\"");
  const owner = await ownerFor(input.ownerEmail);
  const created = await getAuth().api.createApiKey({
    body: { name, userId: owner.id, permissions: { exports: ["read"] } },
  });
  await recordAudit({ action: "api_key_created", actorId: owner.id, apiKeyId: created.id });
  return { id: created.id, name, key: created.key, ownerEmail: owner.email };
}

export async function revokeExportApiKey(id: string): Promise<boolean> {
  const revoked = await revokeApiKey(id);
  if (!revoked) return false;
  await recordAudit({ action: "api_key_revoked", actorId: revoked.referenceId, apiKeyId: id });
  return true;
}

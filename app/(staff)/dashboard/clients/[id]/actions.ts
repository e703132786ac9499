"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { EraseState } from "@/components/staff/erase-client-form";
import { requireOwner } from "@/lib/auth/session";
import { eraseClient, erasurePreview } from "@/lib/data/retention";
import { clientAddress } from "@/lib/http/client-address";
import { errorKind, log } from "@/lib/log";

const eraseSchema = z.object({ clientId: z.string().min(1).max(40), confirmName: z.string().max(200) });

/** Names compared as a person reads them: case, accents' composition and spacing aside. */
const sameName = (a: string, b: string) => {
  const fold = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en");
  return fold(a) === fold(b);
};

/**
 * Owner only: erases every intake, draft, appointment and link of a client, once their name has
 * been typed to confirm. The audit trail records who erased whom (by id) and when.
 */
export async function eraseClientData(_previous: EraseState, formData: FormData): Promise<EraseState> {
  const owner = await requireOwner();
  if (!(formData instanceof FormData)) return { ok: false, formError: "This client could not be found." };
  const parsed = eraseSchema.safeParse({ clientId: formData.get("clientId"), confirmName: formData.get("confirmName") ?? "" });
  if (!parsed.success) return { ok: false, formError: "This client could not be found." };
  const { clientId, confirmName } = parsed.data;
  try {
    const preview = await erasurePreview(clientId);
    if (!preview) return { ok: false, formError: "This client could not be found: their data may have been erased already." };
    if (!sameName(confirmName, preview.fullName)) {
      return { ok: false, fieldErrors: { confirmName: "Type the client's full name exactly as shown above to confirm" } };
    }
    await eraseClient(clientId, { actorId: owner.id, ipAddress: clientAddress(await headers()) });
    log.info({ event: "client.erased", clientId });
  } catch (error) {
    log.error({ event: "client.erase_failed", err: errorKind(error) });
    return { ok: false, formError: "The client's data could not be erased just now. Nothing was deleted: please try again." };
  }
  redirect("/dashboard?notice=erased");
}

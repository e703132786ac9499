"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/http/client-address";
import { requireSignedIn } from "@/lib/auth/session";
import { recordAudit } from "@/lib/data/audit";

export async function signOut(): Promise<void> {
  // Signed in is enough: a therapist who has not set up two-factor sign-in yet can still sign out.
  const therapist = await requireSignedIn();
  const requestHeaders = await headers();
  await getAuth().api.signOut({ headers: requestHeaders });
  await recordAudit({ action: "sign_out", actorId: therapist.id, ipAddress: clientAddress(requestHeaders) });
  redirect("/login");
}

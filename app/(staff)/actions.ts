"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/lib/auth/auth";
import { clientAddress } from "@/lib/http/client-address";
import { requireTherapist } from "@/lib/auth/session";
import { recordAudit } from "@/lib/data/audit";

export async function signOut(): Promise<void> {
  const therapist = await requireTherapist();
  const requestHeaders = await headers();
  await getAuth().api.signOut({ headers: requestHeaders });
  await recordAudit({ action: "sign_out", actorId: therapist.id, ipAddress: clientAddress(requestHeaders) });
  redirect("/login");
}

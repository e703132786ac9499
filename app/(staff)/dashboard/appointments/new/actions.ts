"use server";

import { headers } from "next/headers";
import type { ActionResult } from "@/lib/action-result";
import { appointmentFormSchema } from "@/lib/appointments/appointment-form";
import { bookAppointment } from "@/lib/appointments/book";
import { requireTherapist } from "@/lib/auth/session";
import { findClients, type ClientMatch } from "@/lib/data/appointments";
import { clientAddress } from "@/lib/http/client-address";
import { errorKind, log } from "@/lib/log";
import { cleanSearchText } from "@/lib/intake/text";

/** What "Create appointment" answers: the link to copy, and whether the email went. */
export type CreatedAppointment = { link: string; clientId: string; emailed: boolean; emailProblem: string | null; email: string };

/** Staff only: each action checks the session itself (a server action is a public endpoint). */
export async function createAppointment(values: unknown): Promise<ActionResult<CreatedAppointment>> {
  const therapist = await requireTherapist();
  const parsed = appointmentFormSchema.safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? "form")] ??= issue.message;
    const { clientId, ...rest } = fieldErrors;
    return { ok: false, fieldErrors: rest, ...(clientId ? { formError: "Choose the returning client again." } : {}) };
  }
  try {
    const outcome = await bookAppointment(parsed.data, { therapistId: therapist.id, ipAddress: clientAddress(await headers()) });
    if (!outcome.ok) {
      // The chosen client has no field of its own on the form: say it above the button.
      const { clientId, ...fieldErrors } = outcome.fieldErrors;
      return { ok: false, fieldErrors, ...(clientId ? { formError: clientId } : {}) };
    }
    const { booked } = outcome;
    return {
      ok: true,
      data: {
        link: booked.link,
        clientId: booked.clientId,
        emailed: booked.email.sent,
        emailProblem: booked.email.sent ? null : booked.email.problem,
        email: booked.email.to,
      },
    };
  } catch (error) {
    log.error({ event: "appointment.create_failed", err: errorKind(error) });
    return { ok: false, formError: "The appointment could not be saved just now. Please try again in a minute." };
  }
}

/** Returning clients by part of their name or the start of their email. */
export async function searchClients(typed: unknown): Promise<ActionResult<ClientMatch[]>> {
  await requireTherapist();
  if (typeof typed !== "string") return { ok: true, data: [] };
  try {
    return { ok: true, data: await findClients(cleanSearchText(typed).slice(0, 100)) };
  } catch (error) {
    log.error({ event: "client.search_failed", err: errorKind(error) });
    return { ok: false, formError: "The search failed just now. Please try again." };
  }
}

import type { Metadata } from "next";
import Link from "next/link";
import { NewAppointmentForm } from "@/components/staff/new-appointment-form";
import { localDateOf } from "@/lib/appointments/clinic-time";
import { requireTherapist } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { createAppointment, searchClients } from "./actions";

export const metadata: Metadata = { title: "New appointment" };

export default async function NewAppointmentPage() {
  await requireTherapist();
  const zone = getEnv().CLINIC_TIME_ZONE;
  return (
    <div className="page">
      <p className="back">
        <Link href="/dashboard">← Dashboard</Link>
      </p>
      <h1>New appointment</h1>
      <p className="lede">
        The client gets a personal link to the questionnaire, by email and for you to copy into a text message. It works
        until the end of the appointment&apos;s day.
      </p>
      <NewAppointmentForm create={createAppointment} search={searchClients} today={localDateOf(new Date(), zone)} timeZone={zone} />
    </div>
  );
}

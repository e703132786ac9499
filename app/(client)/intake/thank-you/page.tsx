import type { Metadata } from "next";
import Link from "next/link";
import { SeeDoctorToday, signsFromParam } from "@/components/intake/see-doctor-today";
import { SEE_DOCTOR_TODAY_PARAM } from "@/lib/intake/see-doctor-today";
import { parseReference } from "@/lib/intake/reference";

export const metadata: Metadata = { title: "Thank you" };

export default async function ThankYouPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { ref, [SEE_DOCTOR_TODAY_PARAM]: care } = await searchParams;
  // Shown only when it has the shape of one of our codes, so the page cannot be made to say anything else.
  const reference = typeof ref === "string" ? parseReference(ref) : null;
  return (
    <div className="page">
      <h1>Thank you</h1>
      {reference ? (
        <p className="reference">
          Your reference code is <strong className="code">{reference}</strong>
        </p>
      ) : null}
      <SeeDoctorToday signs={signsFromParam(care)} />
      <h2>What happens next</h2>
      <ul>
        <li>Your therapist reads your answers before your appointment.</li>
        <li>If anything needs to change, such as a doctor&apos;s advice first, the clinic will contact you.</li>
        <li>
          If your health changes before the appointment (a fever, a new wound or blister on your feet), tell the
          clinic{reference ? " and quote your reference code" : ""}.
        </li>
      </ul>
      <p>
        <Link href="/intake">Fill in another intake</Link>
      </p>
    </div>
  );
}

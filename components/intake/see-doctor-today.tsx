import { URGENT_SIGNS, type UrgentSign } from "@/lib/intake/see-doctor-today";

/** The signs named in the confirmation page's address; anything else is ignored. */
export function signsFromParam(value: unknown): UrgentSign[] {
  if (typeof value !== "string") return [];
  return value.split(",").filter((s): s is UrgentSign => Object.hasOwn(URGENT_SIGNS, s));
}

/**
 * Calm, plain advice not to wait for the appointment, shown on the last steps of the form and on
 * the confirmation page when an answer is an emergency by the rules' sources (Diabetes UK's "foot
 * attack"). A heading and words, with a symbol beside them: never colour alone, and no diagnosis.
 */
export function SeeDoctorToday({ signs, headingLevel: Heading = "h2" }: { signs: readonly UrgentSign[]; headingLevel?: "h2" | "h3" }) {
  if (signs.length === 0) return null;
  return (
    <section className="see-doctor-today" aria-labelledby="see-doctor-today-heading">
      <Heading id="see-doctor-today-heading">
        <span aria-hidden="true" className="symbol">
          ☎
        </span>{" "}
        Please contact your doctor or foot clinic today
      </Heading>
      <p>
        You told us about {signs.map((sign) => URGENT_SIGNS[sign]).join(" and ")}. This needs to be seen by a doctor
        or foot clinic today, so please do not wait for your massage appointment. If you cannot reach them, contact an
        out-of-hours or urgent care service.
      </p>
      <p>Your therapist will be in touch with you about your appointment.</p>
    </section>
  );
}

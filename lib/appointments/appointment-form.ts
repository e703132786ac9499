import { z } from "zod";
import { isCalendarDate } from "@/lib/intake/dates";
import { MAX_NAME } from "@/lib/intake/questionnaire";
import { cleanSearchText } from "@/lib/intake/text";

/**
 * The therapist's "New appointment" form, checked the same way in the browser and by its server
 * action: a returning client picked by id, or a new one's name, email and phone; the date and
 * time in the clinic's time zone (lib/appointments/clinic-time.ts turns them into an instant).
 */
const text = (max: number) => z.string().transform((v) => cleanSearchText(v).trim()).pipe(z.string().max(max, `Use at most ${max} characters`));

export const appointmentFormSchema = z
  .object({
    clientId: z.string().trim().max(40).default(""),
    fullName: text(MAX_NAME).default(""),
    email: text(254).default(""),
    phone: text(40)
      .default("")
      .refine((v) => v === "" || /^[+()\d][\d\s()+.-]{4,}$/.test(v), "Enter a phone number such as 07700 900123, or leave it empty"),
    date: z.string().trim().min(1, "Enter the appointment date").refine(isCalendarDate, "Enter a real date"),
    time: z
      .string()
      .trim()
      .min(1, "Enter the appointment time")
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Enter a time such as 14:30"),
  })
  .superRefine((v, ctx) => {
    // A returning client is already known: only a new one needs a name and an email.
    if (v.clientId) return;
    if (!v.fullName) ctx.addIssue({ code: "custom", path: ["fullName"], message: "Enter the client's name" });
    if (!v.email) ctx.addIssue({ code: "custom", path: ["email"], message: "Enter the client's email" });
    else if (!z.email().safeParse(v.email).success) ctx.addIssue({ code: "custom", path: ["email"], message: "Enter an email address like name@example.com" });
  });

export type AppointmentFormInput = z.input<typeof appointmentFormSchema>;
export type AppointmentForm = z.output<typeof appointmentFormSchema>;

/** Every form field with its label, as the form shows it and errors name it. */
export const APPOINTMENT_FIELDS = {
  fullName: "Client name",
  email: "Client email",
  phone: "Client phone (optional)",
  date: "Appointment date",
  time: "Appointment time",
} as const;

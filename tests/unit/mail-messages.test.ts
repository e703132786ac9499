import { describe, expect, it } from "vitest";
import { appointmentWhen } from "@/lib/appointments/clinic-time";
import { invitationEmail, reminderEmail } from "@/lib/mail/messages";

const base = {
  clinicName: "Harbour Street Foot Clinic",
  clientName: "Nadia Okafor",
  startsAt: new Date("2026-12-08T10:30:00Z"),
  timeZone: "Europe/London",
  link: "https://intake.example-clinic.com/i/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
};

describe("the emails to a client", () => {
  it("give the clinic's name, the appointment's date and time in the clinic's zone, and the link", () => {
    for (const email of [invitationEmail(base), reminderEmail(base)]) {
      expect(email.subject).toContain("Harbour Street Foot Clinic");
      expect(email.text).toContain("Dear Nadia Okafor,");
      expect(email.text).toContain("Tuesday, 8 December 2026 at 10:30");
      expect(email.text).toContain(base.link);
    }
    expect(reminderEmail(base).subject).toMatch(/^Reminder/);
    // Summer time: 09:00 UTC is 10:00 in London, and 19:00 in Sydney.
    expect(appointmentWhen(new Date("2026-07-14T09:00:00Z"), "Europe/London")).toBe("Tuesday, 14 July 2026 at 10:00");
    expect(appointmentWhen(new Date("2026-07-14T09:00:00Z"), "Australia/Sydney")).toBe("Tuesday, 14 July 2026 at 19:00");
  });

  it("keep a name on one line, so it cannot add lines or headers of its own", () => {
    const email = invitationEmail({ ...base, clientName: "Eve\r\nBcc: someone@example.com\u202e" });
    expect(email.text.split("\n")[0]).toBe("Dear Eve Bcc: someone@example.com,");
  });
});

/**
 * The words of the emails a client gets: the personal link when an appointment is made, and one
 * reminder. Pure. They carry the clinic's name, the appointment's date and time and the link, and
 * greet the client by name: never an answer or anything about their health (an inbox is not a
 * safe place for that, and a mistyped address would send it to a stranger).
 */
import { appointmentWhen } from "@/lib/appointments/clinic-time";

export type AppointmentEmail = {
  clinicName: string;
  clientName: string;
  startsAt: Date;
  timeZone: string;
  link: string;
};

/** A name as a greeting may use it: one line, no control characters. */
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]+/gu, " ").trim();
}

export function invitationEmail(m: AppointmentEmail): { subject: string; text: string } {
  const when = appointmentWhen(m.startsAt, m.timeZone);
  return {
    subject: `Your appointment at ${oneLine(m.clinicName)}: a few questions before your visit`,
    text: [
      `Dear ${oneLine(m.clientName)},`,
      "",
      `Your appointment at ${oneLine(m.clinicName)} is on ${when}.`,
      "",
      "Before your visit, please answer a few questions so your therapist can keep your session safe and comfortable. It takes about five minutes:",
      "",
      m.link,
      "",
      "This link is yours alone: please do not forward it. It works until the end of the day of your appointment.",
      "If you cannot use it, contact the clinic.",
      "",
      oneLine(m.clinicName),
    ].join("\n"),
  };
}

export function reminderEmail(m: AppointmentEmail): { subject: string; text: string } {
  const when = appointmentWhen(m.startsAt, m.timeZone);
  return {
    subject: `Reminder: your appointment at ${oneLine(m.clinicName)} on ${when}`,
    text: [
      `Dear ${oneLine(m.clientName)},`,
      "",
      `Your appointment at ${oneLine(m.clinicName)} is on ${when}.`,
      "",
      "We have not yet received your answers to the questions before your visit. Please fill them in here:",
      "",
      m.link,
      "",
      "If you have already started, the link continues where you stopped.",
      "",
      oneLine(m.clinicName),
    ].join("\n"),
  };
}

/** To a therapist the owner added: where to set their password. No client data, ever. */
export function newAccountEmail(m: { clinicName: string; name: string; link: string; hours: number }): { subject: string; text: string } {
  return {
    subject: `Your account at ${oneLine(m.clinicName)}: set your password`,
    text: [
      `Dear ${oneLine(m.name)},`,
      "",
      `An account was made for you on ${oneLine(m.clinicName)}'s intake dashboard. Set your password here:`,
      "",
      m.link,
      "",
      `The link works once, for ${m.hours} hours. If it has expired, ask the clinic's owner to send a new one.`,
      "",
      oneLine(m.clinicName),
    ].join("\n"),
  };
}

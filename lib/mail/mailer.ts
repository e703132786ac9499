import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { getEnv } from "@/lib/env";
import { errorKind, log } from "@/lib/log";

/**
 * Sending one email. With SMTP_URL set, through that server (nodemailer). Without it, in
 * development and tests, the message is written as an .eml file under data/mail and printed in the
 * terminal, so `npm run dev` needs no mail server and the link can be opened. In production
 * without it nothing is sent or kept (a file of working links would be a leak), and the caller is
 * told the email did not go.
 * Nothing the client typed is in any email (lib/mail/messages.ts), and nothing of an email goes
 * to the log but its kind and outcome.
 */

export type Email = { to: string; subject: string; text: string; kind: "invitation" | "reminder" | "account" };

export type SendOutcome = { sent: true } | { sent: false; problem: string };

export const MAIL_FOLDER = "data/mail";

type Transport = ReturnType<typeof nodemailer.createTransport>;
const globalForMail = globalThis as unknown as { mailTransport?: { url: string; transport: Transport } };

function smtpTransport(url: string): Transport {
  // One pool per server address; a test that starts its own server gets its own.
  if (globalForMail.mailTransport?.url !== url) {
    globalForMail.mailTransport = {
      url,
      // Timeouts short enough that a therapist waiting on "Create appointment" hears back soon.
      transport: nodemailer.createTransport(`${url}${url.includes("?") ? "&" : "?"}connectionTimeout=10000&greetingTimeout=10000&socketTimeout=20000`),
    };
  }
  return globalForMail.mailTransport.transport;
}

/** Sends, or saves where no mail server is set; never throws: the caller says what happened. */
export async function sendEmail(email: Email, smtpUrl: string | undefined = getEnv().SMTP_URL): Promise<SendOutcome> {
  const message = { from: getEnv().MAIL_FROM, to: email.to, subject: email.subject, text: email.text };
  if (!smtpUrl && getEnv().NODE_ENV === "production") {
    log.warn({ event: "mail.not_configured", kind: email.kind });
    return { sent: false, problem: "No mail server is set up (SMTP_URL)." };
  }
  try {
    if (smtpUrl) {
      await smtpTransport(smtpUrl).sendMail(message);
    } else {
      await saveLocally(message);
    }
    log.info({ event: "mail.sent", kind: email.kind, local: !smtpUrl });
    return { sent: true };
  } catch (error) {
    log.error({ event: "mail.failed", kind: email.kind, err: errorKind(error) });
    return { sent: false, problem: "The mail server did not accept the email." };
  }
}

async function saveLocally(message: { from: string; to: string; subject: string; text: string }): Promise<void> {
  const built = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }).sendMail(message);
  const folder = path.resolve(/* turbopackIgnore: true */ process.cwd(), MAIL_FOLDER);
  await fs.mkdir(folder, { recursive: true });
  const file = path.join(folder, `${new Date().toISOString().replace(/[:.]/g, "-")}-${built.messageId.replace(/[^a-z0-9]/gi, "").slice(0, 12)}.eml`);
  await fs.writeFile(file, built.message as Buffer, { mode: 0o600 });
  if (getEnv().NODE_ENV === "development") {
    // The developer's own terminal: the point is to see the link without a mail server.
    console.log(`\n--- Email (SMTP_URL is not set; saved as ${path.relative(process.cwd(), file)}) ---\nTo: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n---\n`);
  }
}

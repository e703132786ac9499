/**
 * A real SMTP server for tests (smtp-server), which reads each message with mailparser.
 */
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string; from: string; subject: string; text: string };

export async function startMailServer(port: number) {
  const received: ReceivedMail[] = [];
  const control = { refuse: false };
  let closing: Promise<void> | undefined;
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      if (control.refuse) {
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 451 })));
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(", ") : (mail.to?.text ?? "");
          received.push({ to, from: mail.from?.text ?? "", subject: mail.subject ?? "", text: mail.text ?? "" });
          for (const wake of waiters.splice(0)) wake();
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    received,
    /** While true, every message is refused with a temporary failure, as a broken mail server would. */
    get refuse() {
      return control.refuse;
    },
    set refuse(value: boolean) {
      control.refuse = value;
    },
    url: `smtp://127.0.0.1:${port}`,
    /** Waits until `count` messages have arrived (or fails after `ms`). */
    async waitFor(count: number, ms = 15_000): Promise<ReceivedMail[]> {
      const deadline = Date.now() + ms;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} email(s), got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received;
    },
    /** Stops it (again: a no-op). */
    close: () => (closing ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}

/**
 * Therapist accounts from the command line (no account exists by default in production):
 *
 *   npm run therapist:create -- --email ada@clinic.example --name "Ada Byrne" [--owner]
 *       reads the password from standard input: typed (hidden) at a terminal, or piped:
 *       printf '%s' "$PASSWORD" | npm run therapist:create -- --email ... --name ...
 *       The clinic's first account is its owner; --owner makes another one an owner too.
 *   npm run therapist:disable -- --email ada@clinic.example
 *       the account can no longer sign in and its sessions end at once.
 */
import "./load-env";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { createTherapist } from "@/lib/auth/accounts";
import { closeDatabase } from "@/lib/data/auth-store";
import { disableTherapist } from "@/lib/data/therapists";

async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let data = "";
    for await (const chunk of stdin) data += chunk;
    // A trailing newline from echo or a file is not part of the password.
    return data.replace(/\r?\n$/, "");
  }
  process.stderr.write("Password (at least 12 characters, not shown): ");
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  return new Promise((resolve, reject) => {
    let password = "";
    const onData = (key: string) => {
      for (const ch of key) {
        if (ch === "\r" || ch === "\n") {
          stdin.setRawMode(false);
          stdin.off("data", onData);
          stdin.pause();
          process.stderr.write("\n");
          return resolve(password);
        }
        if (ch === "\u0003") return reject(new Error("cancelled"));
        if (ch === "\u007f") password = password.slice(0, -1);
        else password += ch;
      }
    };
    stdin.on("data", onData);
  });
}

function usage(message?: string): never {
  if (message) console.error(`Error: ${message}\n`);
  console.error(
    'Usage:\n  npm run therapist:create -- --email <email> --name "<name>" [--owner]   (password on standard input)\n' +
      "  npm run therapist:disable -- --email <email>",
  );
  process.exit(2);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: { email: { type: "string" }, name: { type: "string" }, owner: { type: "boolean" } },
    strict: true,
  });
  if (!values.email) usage("--email is required");

  if (command === "create") {
    if (!values.name) usage("--name is required");
    const password = await readPassword();
    const created = await createTherapist({ email: values.email, name: values.name, password, owner: values.owner === true });
    console.log(`Created ${created.role === "owner" ? "owner" : "therapist"} account ${created.email}.`);
  } else if (command === "disable") {
    if (!(await disableTherapist(values.email))) throw new Error(`No account with the email ${values.email}`);
    console.log(`Disabled ${values.email.trim().toLowerCase()}; its sessions have ended.`);
  } else {
    usage(`unknown command "${command ?? ""}"`);
  }
}

main()
  .catch((error: unknown) => {
    const message =
      error instanceof ZodError ? error.issues.map((i) => i.message).join("; ") : error instanceof Error ? error.message : String(error);
    console.error(`Error: ${message}`);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());

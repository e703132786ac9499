/**
 * Development only (`npm run dev` runs it): on a database with no therapist yet, creates a demo
 * account and prints how to sign in. Never creates anything in production.
 */
import "@/lib/cli/load-env";
import { createTherapist } from "@/lib/auth/accounts";
import { closeDatabase } from "@/lib/data/auth-store";
import { countTherapists } from "@/lib/data/therapists";
import { getEnv } from "@/lib/env";

export const DEMO_THERAPIST = {
  email: "therapist@example.com",
  name: "Demo Therapist",
  password: "demo-password-change-me",
} as const;

async function main() {
  if (getEnv().NODE_ENV === "production") return;
  if ((await countTherapists()) > 0) return;
  await createTherapist(DEMO_THERAPIST);
  console.log(
    [
      "",
      "  A demo therapist account was created for development:",
      `    email:    ${DEMO_THERAPIST.email}`,
      `    password: ${DEMO_THERAPIST.password}`,
      "  Sign in at http://localhost:3000/login",
      "",
    ].join("\n"),
  );
}

main()
  .catch((error: unknown) => {
    console.error("Seeding the demo therapist failed:", error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());

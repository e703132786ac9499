import "server-only";
/** Creating therapist accounts (the command line's `therapist:create`): checked input, password hashed by better-auth. */
import { z } from "zod";
import { countOwners, findTherapistByEmail, setRole, type Role } from "@/lib/data/therapists";
import { mustBeText } from "@/lib/intake/text";
import { getAuthForAccountCreation, MIN_PASSWORD_LENGTH } from "./auth";

export const newTherapistSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Give a valid email address")),
  name: z
    .string()
    .trim()
    .min(1, "Give the therapist's name")
    .max(120)
    .superRefine(mustBeText("name")),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `The password must have at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256, "The password must have at most 256 characters"),
});

export type NewTherapist = z.input<typeof newTherapistSchema> & { owner?: boolean };

/**
 * Creates a therapist's account; the password is hashed by better-auth, never stored as given.
 * The clinic's first account is its owner (so a new clinic always has one); later ones are
 * therapists unless made owners.
 */
export async function createTherapist(input: NewTherapist): Promise<{ id: string; email: string; role: Role }> {
  const { email, name, password } = newTherapistSchema.parse(input);
  // better-auth answers a sign-up for a taken email as if it worked (so sign-up cannot reveal
  // accounts); here, on the command line, say it plainly.
  if (await findTherapistByEmail(email)) throw new Error(`An account with the email ${email} already exists`);
  const owner = input.owner === true || (await countOwners()) === 0;
  const { user } = await getAuthForAccountCreation().api.signUpEmail({ body: { email, name, password } });
  if (owner) await setRole(user.id, "owner");
  return { id: user.id, email: user.email, role: owner ? "owner" : "therapist" };
}

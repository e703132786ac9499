import { randomInt } from "node:crypto";

/**
 * Reference codes a client can read out on the phone: no 0/O, 1/I/L or U/V look-alikes,
 * grouped as XXXX-XXXX. 29^8 (about 5e11) codes, so clashes are rare; the database's unique
 * index catches the rare one and the caller draws again.
 */
export const REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ";
const GROUP = 4;

export function newReference(): string {
  let code = "";
  for (let i = 0; i < GROUP * 2; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `${code.slice(0, GROUP)}-${code.slice(GROUP)}`;
}

/** Reads a reference as a person may type it (lower case, spaces, no dash); null if it cannot be one. */
export function parseReference(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, "");
  if (compact.length !== GROUP * 2) return null;
  for (const ch of compact) if (!REFERENCE_ALPHABET.includes(ch)) return null;
  return `${compact.slice(0, GROUP)}-${compact.slice(GROUP)}`;
}

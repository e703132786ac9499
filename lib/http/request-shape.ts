/**
 * Limits on the shape of a request body, checked before anything parses it: a body past its size
 * or nested deeper than any intake needs is refused at once with a clear status, instead of
 * reaching a parser that spends a second on it or overflows its stack (and answers 500).
 */

/** The largest server-action body: an intake at its longest, in React's encoding, fits in 64 KB. */
export const MAX_ACTION_BODY_BYTES = 128 * 1024;

/** An intake nests three levels deep (a list inside an object inside the arguments); 32 is ample. */
export const MAX_NESTING = 32;

const OPEN = new Set(["[", "{"]);
const CLOSE = new Set(["]", "}"]);

/**
 * Whether JSON-like text opens more than `limit` brackets without closing them. Brackets inside
 * JSON strings are skipped. One pass, no recursion and no parse, so it is quick on any input; text
 * that is not JSON (a multipart body's headers) is scanned the same way, which can only count more.
 */
export function nestsDeeperThan(text: string, limit = MAX_NESTING): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (OPEN.has(c)) {
      if (++depth > limit) return true;
    } else if (CLOSE.has(c) && depth > 0) depth--;
  }
  return false;
}

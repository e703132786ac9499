/**
 * Limits on the shape of a request body, checked before anything parses it: a body past its size
 * or nested deeper than any intake needs is refused at once with a clear status, instead of
 * reaching a parser that spends a second on it or overflows its stack (and answers 500).
 */

/** The largest server-action body: an intake at its longest, in React's encoding, fits in 64 KB. */
export const MAX_ACTION_BODY_BYTES = 128 * 1024;

/** The app's actions take one or two arguments; React sends them as a list. */
export const MAX_ACTION_ARGUMENTS = 4;

/** An intake nests three levels deep (a list inside an object inside the arguments); 32 is ample. */
export const MAX_NESTING = 32;

const OPEN = new Set(["[", "{"]);
const CLOSE = new Set(["]", "}"]);

/**
 * Whether JSON-like text opens more than `limit` brackets without closing them. Brackets inside
 * JSON strings are skipped. One pass, no recursion and no parse, so it is quick on any input. Give
 * it one JSON text at a time (proxy.ts checks each part of a multipart body on its own): an
 * unmatched quote in other text would hide the brackets after it.
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

/**
 * What React's encoding of a server action's arguments may hold in a string that starts with "$":
 * an escaped "$" ("$$..."), undefined, -0, NaN and the infinities, a BigInt, a Date. A body sent
 * as text (not multipart) has nothing else: references to other parts need a multipart body.
 * Any other "$" string makes React's decoder throw, and Next answer 500.
 */
const PLAIN_MARKER = /^\$(?:\$|undefined$|-0$|NaN$|-?Infinity$|n-?\d+$|D\d{4}-\d{2}-\d{2}T[\d:.]+Z$)/;

/** Whether every string anywhere in a parsed JSON value passes `test` (no recursion: depth is checked apart). */
function everyString(value: unknown, test: (s: string) => boolean): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v === "string") {
      if (!test(v)) return false;
    } else if (Array.isArray(v)) pending.push(...v);
    else if (v && typeof v === "object") pending.push(...Object.values(v));
  }
  return true;
}

/** Whether a parsed text body holds only values React's decoder reads without a reference. */
export function holdsOnlyPlainValues(value: unknown): boolean {
  return everyString(value, (v) => !v.startsWith("$") || PLAIN_MARKER.test(v));
}

/** A string React reads as a reference to another part of a multipart body: "$1", "$@2", "$K3"... */
const REFERENCE = /^\$([@QWKBT]?)([0-9a-f]+)$/;

/**
 * Whether every reference in one part of a multipart action body points at a part that was sent:
 * a numbered part, or (for a form, "$K") fields named with its number. React waits for a missing
 * part until the body ends, then throws, and Next answers 500.
 */
export function referencesResolve(value: unknown, partNames: readonly string[]): boolean {
  return everyString(value, (v) => {
    const match = REFERENCE.exec(v);
    if (!match) return true;
    const id = String(parseInt(match[2]!, 16));
    // A form's fields are named "_<id>_<name>" (React 19), or "<id>_<name>" (earlier).
    return match[1] === "K" ? partNames.some((n) => n.startsWith(`_${id}_`) || n.startsWith(`${id}_`)) : partNames.includes(id);
  });
}

export type BodyProblem = { status: 400 | 413; message: string };

const TOO_DEEP: BodyProblem = { status: 400, message: "The request is nested too deeply to be a form." };
const UNREADABLE: BodyProblem = { status: 400, message: "The request could not be read as a form." };

const parsedOrUndefined = (text: string): { value: unknown } | undefined => {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
};

/**
 * What is wrong with a server action's body (a POST to a page), or null when React's decoder can
 * read it. A multipart body is checked part by part (a quote in one part must not hide another's
 * nesting); a part React reads as JSON (named by a number) must be JSON whose references resolve.
 * A body the app's own script sends as text (`fromScript`: it carries Next-Action) is a short JSON
 * list of plain values. Anything else would make React's decoder, or Next with the arguments,
 * throw, and answer 500.
 */
export async function actionBodyProblem(bytes: ArrayBuffer, contentType: string, fromScript: boolean): Promise<BodyProblem | null> {
  if (bytes.byteLength > MAX_ACTION_BODY_BYTES) return { status: 413, message: "The request is larger than a form can be." };
  if (/^multipart\/form-data/i.test(contentType)) {
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
    } catch {
      return UNREADABLE;
    }
    const names = [...form.keys()];
    for (const [name, value] of form.entries()) {
      if (typeof value !== "string") continue;
      if (nestsDeeperThan(value)) return TOO_DEEP;
      if (!/^\d+$/.test(name)) continue;
      const parsed = parsedOrUndefined(value);
      if (!parsed || !referencesResolve(parsed.value, names)) return UNREADABLE;
    }
    return null;
  }
  const body = new TextDecoder().decode(bytes);
  if (nestsDeeperThan(body)) return TOO_DEEP;
  if (!fromScript) return null;
  const parsed = parsedOrUndefined(body)?.value;
  if (!Array.isArray(parsed) || parsed.length > MAX_ACTION_ARGUMENTS || !holdsOnlyPlainValues(parsed)) return UNREADABLE;
  return null;
}

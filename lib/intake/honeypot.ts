/**
 * The field a person never sees (hidden by CSS, skipped by the keyboard) and bots fill in. The
 * form draws it; lib/submissions answers a filled one like a success and stores nothing.
 */
export const HONEYPOT_FIELD = "website";

/**
 * What every server action answers. Field errors go onto their fields (`setError`); a form error
 * is shown above the submit button. Never an exception: a thrown error would reach the client as
 * a bare 500 with nothing it can act on.
 */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; fieldErrors?: Record<string, string>; formError?: string };

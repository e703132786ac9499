import { NextResponse, type NextRequest } from "next/server";
import { MAX_ACTION_ARGUMENTS, MAX_ACTION_BODY_BYTES, holdsOnlyPlainValues, nestsDeeperThan, referencesResolve } from "@/lib/http/request-shape";

/**
 * Security headers for every page and API answer. The Content-Security-Policy carries a nonce made
 * afresh for each request: Next puts it on its own scripts, and no other script may run.
 * (Next 16 calls this file the proxy; it was middleware before.)
 */
export async function proxy(request: NextRequest) {
  const refusal = await refuseMisshapenAction(request);
  if (refusal) return refusal;

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    // 'unsafe-eval' only in development, where React uses it for its error overlay and stacks.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes only (React's), never inline scripts.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

/**
 * A POST to a page is a server action. Next reads its body whole, allows 1 MB by default, and
 * answers 500 to a body past its limit, nested deeply enough to overflow React's decoder, or not
 * in the form React encodes. Such bodies are refused here first: 413 past MAX_ACTION_BODY_BYTES,
 * 400 when nested too deep or unreadable. (The JSON API under /api reads its own body:
 * lib/api/read-json.ts.)
 */
async function refuseMisshapenAction(request: NextRequest): Promise<Response | null> {
  if (request.method !== "POST" || request.nextUrl.pathname.startsWith("/api/")) return null;
  const plain = (status: number, text: string) =>
    new Response(text, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  const tooLarge = () => plain(413, "The request is larger than a form can be.");
  if (Number(request.headers.get("content-length") ?? "0") > MAX_ACTION_BODY_BYTES) return tooLarge();
  // Next hands the proxy a copy of the body (up to proxyClientMaxBodySize in next.config.js), and
  // the action still reads the original.
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_ACTION_BODY_BYTES) return tooLarge();
  const unreadable = () => plain(400, "The request could not be read as a form.");
  const type = request.headers.get("content-type") ?? "";
  if (/^multipart\/form-data/i.test(type)) {
    // Each part is checked on its own (a quote in one part must not hide another's nesting), and
    // a part React reads as JSON (named by a number) must be JSON.
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { "content-type": type } }).formData();
    } catch {
      return unreadable();
    }
    const names = [...form.keys()];
    for (const [name, value] of form.entries()) {
      if (typeof value !== "string") continue;
      if (nestsDeeperThan(value)) return plain(400, "The request is nested too deeply to be a form.");
      if (/^\d+$/.test(name)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch {
          return unreadable();
        }
        if (!referencesResolve(parsed, names)) return unreadable();
      }
    }
    return null;
  }
  const body = new TextDecoder().decode(bytes);
  if (nestsDeeperThan(body)) return plain(400, "The request is nested too deeply to be a form.");
  // A form sent by the app's own script as text is a short JSON list of plain values; anything
  // else would only make React's decoder (or Next, with the arguments) throw, and answer 500.
  if (request.headers.has("next-action")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return unreadable();
    }
    if (!Array.isArray(parsed) || parsed.length > MAX_ACTION_ARGUMENTS || !holdsOnlyPlainValues(parsed)) return unreadable();
  }
  return null;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg).*)" }],
};

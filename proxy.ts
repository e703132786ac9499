import { NextResponse, type NextRequest } from "next/server";
import { MAX_ACTION_BODY_BYTES, actionBodyProblem, type BodyProblem } from "@/lib/http/request-shape";

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
  const refuse = ({ status, message }: BodyProblem) =>
    new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });
  if (Number(request.headers.get("content-length") ?? "0") > MAX_ACTION_BODY_BYTES) {
    return refuse({ status: 413, message: "The request is larger than a form can be." });
  }
  // Next hands the proxy a copy of the body (up to proxyClientMaxBodySize in next.config.js), and
  // the action still reads the original.
  const problem = await actionBodyProblem(
    await request.arrayBuffer(),
    request.headers.get("content-type") ?? "",
    request.headers.has("next-action"),
  );
  return problem ? refuse(problem) : null;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|icon.svg).*)" }],
};

import { nestsDeeperThan } from "@/lib/http/request-shape";

/**
 * Reads a JSON request body with a size limit, without trusting Content-Length alone: the body is
 * read as a stream and abandoned as soon as it passes the limit.
 */
export const MAX_BODY_BYTES = 64 * 1024;

export type JsonBody =
  | { ok: true; value: unknown }
  | { ok: false; status: 413 | 415 | 400; error: string };

export async function readJsonBody(request: Request, limit = MAX_BODY_BYTES): Promise<JsonBody> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]+\+)?json\s*(;|$)/i.test(type)) {
    return { ok: false, status: 415, error: "Send the intake as JSON, with Content-Type: application/json." };
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) return tooLarge(limit);

  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  // Checked before parsing: no intake nests deeper than a few levels.
  if (nestsDeeperThan(text)) return { ok: false, status: 400, error: "The body is nested too deeply to be an intake." };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, status: 400, error: "The body is not valid JSON." };
  }
}

function tooLarge(limit: number): JsonBody {
  return { ok: false, status: 413, error: `The body is larger than ${Math.round(limit / 1024)} KB.` };
}

import { NextResponse } from "next/server";
import { getEnv } from "@/lib/env";

/**
 * For `npm run bench` only: reads the body and answers, nothing else. The submit route's
 * throughput is reported as a ratio to this one, measured in the same server and run.
 * 404 unless the server was started with BENCHMARK=1.
 */
export async function POST(request: Request) {
  if (getEnv().BENCHMARK !== "1") return new NextResponse(null, { status: 404 });
  await request.text();
  return NextResponse.json({ ok: true }, { status: 201 });
}

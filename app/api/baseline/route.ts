import { NextResponse } from "next/server";
import { takeBenchStats } from "@/lib/bench-stats";
import { getEnv } from "@/lib/env";

/**
 * For `npm run bench` only: reads the body and answers, nothing else. The submit route's
 * throughput is reported as a ratio to this one, measured in the same server and run. GET answers
 * the server's garbage-collection pauses and event-loop delay since the last GET
 * (lib/bench-stats.ts). 404 unless the server was started with BENCHMARK=1.
 */
export const dynamic = "force-dynamic";

export async function GET() {
  if (getEnv().BENCHMARK !== "1") return new NextResponse(null, { status: 404 });
  return NextResponse.json(takeBenchStats(), { headers: { "cache-control": "no-store" } });
}

export async function POST(request: Request) {
  if (getEnv().BENCHMARK !== "1") return new NextResponse(null, { status: 404 });
  await request.text();
  return NextResponse.json({ ok: true }, { status: 201 });
}

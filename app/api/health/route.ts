import { NextResponse } from "next/server";
import { databaseAnswers } from "@/lib/data/health";
import { errorKind, log } from "@/lib/log";

export const dynamic = "force-dynamic";

/** For monitors and load balancers: 200 when the database answers, 503 when it does not. */
export async function GET() {
  try {
    await databaseAnswers();
    return NextResponse.json({ status: "ok", database: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    log.error({ event: "health.database_failed", err: errorKind(error) });
    return NextResponse.json({ status: "error", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}

import { localDateOf } from "@/lib/appointments/clinic-time";
import { exportAccess } from "@/lib/auth/export-access";
import { recordAudit } from "@/lib/data/audit";
import { intakesForExport } from "@/lib/data/intakes";
import { getEnv } from "@/lib/env";
import { intakesCsv } from "@/lib/exports/csv";
import { isRefusal, plainText, refusedText } from "@/lib/exports/http";
import { clientAddress } from "@/lib/http/client-address";
import { readFilters, searchParamsOf } from "@/lib/http/intake-filters";
import { errorKind, log } from "@/lib/log";

/**
 * GET /api/exports/intakes.csv?<the dashboard's filters>: every intake of the list as filtered
 * (all pages) as CSV, streamed (lib/exports/csv.ts). The dashboard's "Download CSV" links here with
 * its filters. A signed-in therapist or an API key; each download is in the audit trail (without
 * the filters: a name searched for is client data).
 */
export async function GET(request: Request) {
  try {
    const reader = await exportAccess(request);
    if (isRefusal(reader)) return refusedText(reader);
    const { filters } = readFilters(searchParamsOf(new URL(request.url)));
    await recordAudit({ action: "export_csv", actorId: reader.userId, apiKeyId: reader.apiKeyId, ipAddress: clientAddress(request.headers) });
    const day = localDateOf(new Date(), getEnv().CLINIC_TIME_ZONE);
    const body = intakesCsv(intakesForExport(filters), (error) => log.error({ event: "export.csv_failed", err: errorKind(error) }));
    return new Response(body, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="intakes-${day}.csv"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    log.error({ event: "export.csv_failed", err: errorKind(error) });
    return plainText(500, "The intakes could not be exported just now. Try again.");
  }
}

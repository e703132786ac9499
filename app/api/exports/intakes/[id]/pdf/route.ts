import { exportAccess } from "@/lib/auth/export-access";
import { recordAudit } from "@/lib/data/audit";
import { getIntakeForReview } from "@/lib/data/intakes";
import { getEnv } from "@/lib/env";
import { INTAKE_ID, isRefusal, plainText, refusedText } from "@/lib/exports/http";
import { intakeDocument } from "@/lib/exports/intake-document";
import { renderIntakePdf, type PaperSize } from "@/lib/exports/pdf";
import { clientAddress } from "@/lib/http/client-address";
import { errorKind, log } from "@/lib/log";

/**
 * GET /api/exports/intakes/<id>/pdf[?paper=a4|letter]: one submission as a PDF (the submission
 * page's "Download PDF"): header, precaution card, body map marks, every answer, the review. On
 * PDF_PAPER_SIZE paper unless the link asks for the other. A signed-in therapist or an API key;
 * each download is in the audit trail.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const reader = await exportAccess(request);
    if (isRefusal(reader)) return refusedText(reader);
    const { id } = await params;
    const intake = INTAKE_ID.test(id) ? await getIntakeForReview(id) : null;
    if (!intake) return plainText(404, "No intake has this id.");
    const asked = new URL(request.url).searchParams.get("paper");
    const paper: PaperSize = asked === "letter" ? "Letter" : asked === "a4" ? "A4" : getEnv().PDF_PAPER_SIZE;
    const pdf = await renderIntakePdf(intakeDocument(intake, getEnv().CLINIC_NAME), paper);
    await recordAudit({
      action: "export_pdf",
      actorId: reader.userId,
      apiKeyId: reader.apiKeyId,
      intakeId: intake.id,
      ipAddress: clientAddress(request.headers),
    });
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        // The reference, not the name: file names end up in download lists and sync folders.
        "content-disposition": `attachment; filename="intake-${intake.reference}.pdf"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    log.error({ event: "export.pdf_failed", err: errorKind(error) });
    return plainText(500, "The PDF could not be made just now. Try again.");
  }
}

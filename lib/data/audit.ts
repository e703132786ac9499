import "server-only";
import { getDb } from "@/lib/db";

export const AUDIT_ACTIONS = {
  sign_in: "Signed in",
  sign_in_failed: "Sign-in failed",
  sign_in_password_ok: "Password accepted; authenticator code asked",
  two_factor_enabled: "Turned on two-factor sign-in",
  sign_in_blocked: "Sign-in refused: too many attempts",
  sign_out: "Signed out",
  intake_view: "Viewed the intake",
  intake_review: "Marked the intake as reviewed",
  link_dob_failed: "A wrong date of birth was typed on a personal link",
  intake_attached: "Attached the intake to a client",
  appointment_created: "Created an appointment",
  client_erased: "Erased a client's data",
  team_added: "Added a therapist",
  team_disabled: "Disabled a therapist's account",
  team_two_factor_reset: "Reset a therapist's two-factor sign-in",
  team_password_link: "Sent a therapist a new set-password link",
  password_set: "Set a password from a one-time link",
  export_fhir: "Exported the intake as FHIR",
  export_pdf: "Downloaded the intake as a PDF",
  export_csv: "Downloaded the list of intakes as CSV",
  api_key_created: "Made an API key for exports",
  api_key_revoked: "Revoked an API key",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export type AuditInput = {
  action: AuditAction;
  actorId?: string | null;
  actorEmail?: string | null;
  intakeId?: string | null;
  appointmentId?: string | null;
  clientId?: string | null;
  subjectUserId?: string | null;
  /** An integration's key that read an export; actorId is then the key's owner. */
  apiKeyId?: string | null;
  ipAddress?: string | null;
};

/** Appends one row to the audit trail (the table refuses updates and deletes). */
export async function recordAudit(event: AuditInput): Promise<void> {
  await getDb().auditEvent.create({ data: event, select: { id: true } });
}

export type AuditEntry = { id: number; at: Date; action: AuditAction; actorName: string | null };

/** The trail of one intake, oldest first, with the names of the therapists who acted. */
export async function listAuditForIntake(intakeId: string): Promise<AuditEntry[]> {
  const db = getDb();
  const events = await db.auditEvent.findMany({
    where: { intakeId },
    orderBy: { id: "asc" },
    select: { id: true, at: true, action: true, actorId: true, apiKeyId: true },
  });
  const actorIds = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const keyIds = [...new Set(events.flatMap((e) => (e.apiKeyId ? [e.apiKeyId] : [])))];
  const [actors, keys] = await Promise.all([
    db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }),
    keyIds.length > 0 ? db.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true } }) : [],
  ]);
  const names = new Map(actors.map((a) => [a.id, a.name]));
  const keyNames = new Map(keys.map((k) => [k.id, k.name ?? "unnamed"]));
  return events.map((e) => ({
    id: e.id,
    at: e.at,
    action: e.action as AuditAction,
    // A read by an integration names its key (revoked keys are kept, disabled, for this).
    actorName: e.apiKeyId
      ? keyNames.has(e.apiKeyId)
        ? `API key "${keyNames.get(e.apiKeyId)}"`
        : "An API key"
      : e.actorId
        ? (names.get(e.actorId) ?? null)
        : null,
  }));
}

import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { newReference } from "@/lib/intake/reference";
import { INTAKE_SCHEMA_VERSION, type IntakeInput } from "@/lib/intake/schema";

export type CreatedIntake = { id: string; reference: string; duplicate: boolean };

const MAX_REFERENCE_TRIES = 5;

/** Lower case, accents removed, spaces folded: what a name search compares against. */
export function searchableName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

function uniqueViolationOn(error: unknown, field: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  // With driver adapters the target comes as `meta.target` (column list) or inside the driver's cause.
  const meta = JSON.stringify(error.meta ?? {});
  return meta.includes(field);
}

/**
 * Stores a validated intake once per idempotency key: a retried or double-clicked submit gets the
 * first submission's reference back and stores nothing new.
 */
export async function createIntake(
  input: IntakeInput,
  idempotencyKey: string,
  db: PrismaClient = getDb(),
): Promise<CreatedIntake> {
  const existing = await findByIdempotencyKey(idempotencyKey, db);
  if (existing) return { ...existing, duplicate: true };

  for (let attempt = 1; ; attempt++) {
    try {
      const row = await db.intake.create({
        data: {
          reference: newReference(),
          idempotencyKey,
          fullName: input.fullName,
          fullNameSearch: searchableName(input.fullName),
          email: input.email,
          appointmentDate: input.appointmentDate,
          dateOfBirth: input.dateOfBirth,
          schemaVersion: INTAKE_SCHEMA_VERSION,
          answers: input as Prisma.InputJsonObject,
        },
        select: { id: true, reference: true },
      });
      return { ...row, duplicate: false };
    } catch (error) {
      if (uniqueViolationOn(error, "idempotencyKey")) {
        // Two requests with the same key raced; the other one won.
        const winner = await findByIdempotencyKey(idempotencyKey, db);
        if (winner) return { ...winner, duplicate: true };
      }
      if (uniqueViolationOn(error, "reference") && attempt < MAX_REFERENCE_TRIES) continue;
      throw error;
    }
  }
}

async function findByIdempotencyKey(idempotencyKey: string, db: PrismaClient) {
  return db.intake.findUnique({ where: { idempotencyKey }, select: { id: true, reference: true } });
}

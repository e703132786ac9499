/**
 * Triggers are written by hand into migrations: schema.prisma cannot express them. When a later
 * schema change makes Prisma rebuild a table on SQLite (create new_X, copy, DROP TABLE X, rename),
 * the DROP removes that table's triggers with it. new-migration.ts uses this to write them again
 * at the end of such a migration, as the earlier migrations last defined them.
 */

/** `CREATE TRIGGER "name" ... ON "table" ... END;` statements, in the order they appear. */
const CREATE_TRIGGER = /CREATE TRIGGER\s+(?:IF NOT EXISTS\s+)?"?(\w+)"?[\s\S]*?\bON\s+"?(\w+)"?[\s\S]*?\bEND;/gi;
const DROP_TRIGGER = /DROP TRIGGER\s+(?:IF EXISTS\s+)?"?(\w+)"?/gi;
/** What Prisma writes when it rebuilds a table: the copy is renamed to the old table's name. */
const REBUILT_TABLE = /ALTER TABLE\s+"new_(\w+)"\s+RENAME TO\s+"(\w+)"/gi;

type Trigger = { name: string; table: string; sql: string };

/** The triggers that exist after running these migrations in order. */
export function triggersDefinedBy(migrations: string[]): Map<string, Trigger> {
  const triggers = new Map<string, Trigger>();
  for (const sql of migrations) {
    // A migration that rebuilds a table loses that table's triggers unless it creates them again.
    for (const [, , table] of sql.matchAll(REBUILT_TABLE)) {
      for (const [name, t] of triggers) if (t.table === table) triggers.delete(name);
    }
    // Drops and creates in the order they run; a drop has no `created`.
    const steps: { at: number; name: string; created?: Trigger }[] = [
      ...[...sql.matchAll(DROP_TRIGGER)].map((m) => ({ at: m.index, name: m[1]! })),
      ...[...sql.matchAll(CREATE_TRIGGER)].map((m) => ({ at: m.index, name: m[1]!, created: { name: m[1]!, table: m[2]!, sql: m[0] } })),
    ];
    for (const step of steps.sort((a, b) => a.at - b.at)) {
      if (step.created) triggers.set(step.name, step.created);
      else triggers.delete(step.name);
    }
  }
  return triggers;
}

/**
 * The SQL to append to a new migration so that every table it rebuilds gets its triggers back;
 * empty when it rebuilds none that had any.
 */
export function triggersToRestore(earlierMigrations: string[], newMigration: string): string {
  const rebuilt = new Set([...newMigration.matchAll(REBUILT_TABLE)].map((m) => m[2]!));
  const lost = [...triggersDefinedBy(earlierMigrations).values()].filter((t) => rebuilt.has(t.table));
  if (lost.length === 0) return "";
  return [
    "",
    `-- Written by new-migration.ts: rebuilding ${[...new Set(lost.map((t) => `"${t.table}"`))].join(", ")} dropped these`,
    "-- hand-written triggers; they are created again as the earlier migrations defined them.",
    ...lost.map((t) => `${t.sql}\n`),
  ].join("\n");
}

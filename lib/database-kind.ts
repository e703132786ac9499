/**
 * Which database DATABASE_URL names: `file:...` is SQLite (the default: one file, nothing to
 * install), `postgresql://...` (or `postgres://...`) is PostgreSQL, for several app instances on
 * one shared database. Read by the environment check, prisma.config.ts and lib/db.ts.
 */
export const DATABASE_KINDS = ["sqlite", "postgresql"] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

export function databaseKindOf(url: string): DatabaseKind | null {
  if (/^file:.+/.test(url)) return "sqlite";
  if (/^postgres(ql)?:\/\/.+/.test(url)) return "postgresql";
  return null;
}

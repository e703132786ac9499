/**
 * Writes a new migration for both databases: `npm run db:migration -- <name>`.
 *
 * First the schema files are made again from prisma/model.prisma (schemas.ts). Then, for SQLite
 * and for PostgreSQL, the migration is the SQL difference between that database's schema file as
 * it was when its latest migration was committed (read from git) and the file now: `prisma migrate
 * dev` cannot run on the WebAssembly engine (it needs a shadow database). The tests prove each
 * history builds what its schema describes, and that both describe the same model.
 *
 * Where Prisma rebuilds a table on SQLite (it cannot alter a column in place), the hand-written
 * triggers the rebuild drops are appended again (hand-written-triggers.ts). PostgreSQL alters
 * tables in place and keeps its triggers.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DATABASE_KINDS, type DatabaseKind } from "../lib/database-kind";
import { triggersToRestore } from "./hand-written-triggers";
import { migrationsPathOf, schemaPathOf, writeSchemas } from "./schemas";
import { startThrowawayPostgres } from "./throwaway-postgres";

const root = path.resolve(import.meta.dirname, "..");


function fail(message: string): never {
  console.error(`db:migration: ${message}`);
  process.exit(1);
}

const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();

/** The schema file of `kind` as it was at `commit` (before the model was split, SQLite's was prisma/schema.prisma). */
function schemaAt(commit: string, kind: DatabaseKind): string {
  const now = path.relative(root, schemaPathOf(kind));
  try {
    return git("show", `${commit}:${now}`);
  } catch {
    if (kind === "sqlite") return git("show", `${commit}:prisma/schema.prisma`);
    throw new Error(`no ${now} at ${commit}`);
  }
}

function migrationsOf(kind: DatabaseKind): string[] {
  const dir = migrationsPathOf(kind);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((d) => /^\d{14}_/.test(d)).sort() : [];
}

/**
 * A database of each kind for the Prisma CLI, which picks the schema and adapter by DATABASE_URL
 * and connects even to compare two schema files: an empty SQLite file, a throwaway PostgreSQL.
 */
async function scratchDatabase(kind: DatabaseKind): Promise<{ url: string; done: () => void }> {
  if (kind === "postgresql") {
    const server = await startThrowawayPostgres();
    return { url: server.url(), done: server.stop };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-migration-"));
  return { url: `file:${path.join(dir, "scratch.db")}`, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function diffSql(kind: DatabaseKind): Promise<string> {
  const existing = migrationsOf(kind);
  const latest = existing.at(-1);
  let from: string[];
  if (!latest) {
    from = ["--from-empty"];
  } else {
    const folder = path.relative(root, path.join(migrationsPathOf(kind), latest));
    const commit = git("log", "-1", "--format=%H", "--", folder) || git("log", "-1", "--format=%H", "--", `prisma/migrations/${latest}`);
    if (!commit) fail(`commit the latest migration (${folder}) before writing the next one`);
    const before = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "intake-migration-")), "schema.prisma");
    fs.writeFileSync(before, schemaAt(commit, kind));
    from = ["--from-schema-datamodel", before];
  }
  const scratch = await scratchDatabase(kind);
  try {
    return execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", schemaPathOf(kind), "--script"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: scratch.url },
    });
  } finally {
    scratch.done();
  }
}

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  fail('give a name in lower case with underscores, e.g. "npm run db:migration -- add_reviews"');
}

writeSchemas();
const scripts = {} as Record<DatabaseKind, string>;
for (const kind of DATABASE_KINDS) scripts[kind] = await diffSql(kind);
const changes = (sql: string) => /\b(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|PRAGMA)\b/i.test(sql);
if (!DATABASE_KINDS.some((kind) => changes(scripts[kind]))) fail("prisma/model.prisma has no change since the latest migration; nothing written");

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const kind of DATABASE_KINDS) {
  if (!changes(scripts[kind])) continue;
  const migrationsDir = migrationsPathOf(kind);
  const earlier = migrationsOf(kind).map((d) => fs.readFileSync(path.join(migrationsDir, d, "migration.sql"), "utf8"));
  const restore = kind === "sqlite" ? triggersToRestore(earlier, scripts[kind]) : "";
  const dir = path.join(migrationsDir, `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), scripts[kind] + restore);
  const lock = path.join(migrationsDir, "migration_lock.toml");
  if (!fs.existsSync(lock)) {
    fs.writeFileSync(lock, `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${kind}"\n`);
  }
  console.log(`Wrote ${path.relative(root, dir)}/migration.sql`);
  if (restore) console.log("  It rebuilds a table with hand-written triggers: they are written again at its end; check them.");
}

/**
 * `npm run db:schemas`: each database's schema file, made from the one model (prisma/model.prisma)
 * with that database's generator and datasource. The generated client of each goes to its own
 * folder (lib/generated/<kind>): Prisma's client is specific to its database. Run by
 * `npm run db:migration` and before `prisma generate` (postinstall); tests check the files are
 * up to date.
 */
import fs from "node:fs";
import path from "node:path";
import { DATABASE_KINDS, type DatabaseKind } from "../lib/database-kind";

const root = path.resolve(import.meta.dirname, "..");
export const MODEL_PATH = path.join(root, "prisma/model.prisma");

export const schemaPathOf = (kind: DatabaseKind) => path.join(root, "prisma", kind, "schema.prisma");
export const migrationsPathOf = (kind: DatabaseKind) => path.join(root, "prisma", kind, "migrations");

/** The schema file of one database, from the model's text. */
export function schemaFor(kind: DatabaseKind, model: string = fs.readFileSync(MODEL_PATH, "utf8")): string {
  return `// Made by \`npm run db:schemas\` from prisma/model.prisma: edit the model, not this file.
// Prisma 6.19 on WebAssembly (see README "Database"): no native engine is downloaded when the
// generator uses engineType "client" and prisma.config.ts supplies the driver adapter.
generator client {
  provider   = "prisma-client"
  engineType = "client"
  output     = "../../lib/generated/${kind}"
}

datasource db {
  provider = "${kind}"
  url      = env("DATABASE_URL")
}

${model.replace(/^(\/\/[^\n]*\n)+\n/, "")}`;
}

/** Writes both schema files; says which changed. */
export function writeSchemas(): DatabaseKind[] {
  const model = fs.readFileSync(MODEL_PATH, "utf8");
  const changed: DatabaseKind[] = [];
  for (const kind of DATABASE_KINDS) {
    const file = schemaPathOf(kind);
    const text = schemaFor(kind, model);
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    changed.push(kind);
  }
  return changed;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const changed = writeSchemas();
  console.log(changed.length ? `Wrote ${changed.map((k) => `prisma/${k}/schema.prisma`).join(", ")}` : "Schema files are up to date.");
}

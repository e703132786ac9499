import path from "node:path";
import nextEnv from "@next/env";
import { defineConfig } from "prisma/config";
import { databaseKindOf } from "./lib/database-kind";
import { DEFAULT_DATABASE_URL, parseEnv } from "./lib/env-schema";
import { createPgAdapter } from "./lib/pg-adapter";
import { createAdapter } from "./lib/sqlite-adapter";

// Read .env files exactly as Next does (.env.production* when NODE_ENV=production, as for
// `npm start`), so the CLI migrates the database the app uses.
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");

// The CLI reads DATABASE_URL from the schema; without it Prisma 6 falls back to downloading a
// native engine, which is not reachable here. Give it the same default the app uses.
process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;

// DATABASE_URL decides which database, and so which schema and migrations (see prisma/schemas.ts).
const kind = databaseKindOf(process.env.DATABASE_URL) ?? "sqlite";

export default defineConfig({
  schema: path.join("prisma", kind, "schema.prisma"),
  migrations: { path: path.join("prisma", kind, "migrations") },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => {
    const env = parseEnv(process.env);
    return env.database.kind === "postgresql" ? createPgAdapter(env.database.url) : createAdapter(env.database.path);
  },
});

import nextEnv from "@next/env";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, parseEnv } from "./lib/env-schema";
import { createAdapter } from "./lib/sqlite-adapter";

// Read .env files exactly as Next does (.env.production* when NODE_ENV=production, as for
// `npm start`), so the CLI migrates the database the app uses.
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");

// The CLI reads DATABASE_URL from schema.prisma; without it Prisma 6 falls back to downloading a
// native engine, which is not reachable here. Give it the same default the app uses.
process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => createAdapter(parseEnv(process.env).databasePath),
});

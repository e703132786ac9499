import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // Tests run server modules outside Next, which is what `server-only` refuses: give them its
  // empty module, as Next does on the server.
  "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
};

/**
 * `npm test` runs the integration and reliability tests on SQLite; `npm run test:pg` (tests/run.ts)
 * runs them again on PostgreSQL with TEST_DATABASE=postgresql. A file named *.sqlite.test.ts is
 * about SQLite alone (its query plans, its migrations, an upgrade from a SQLite-only release), one
 * named *.pg.test.ts about PostgreSQL alone.
 */
const onPostgres = process.env.TEST_DATABASE === "postgresql";
const notForThisDatabase = [onPostgres ? "**/*.sqlite.test.ts" : "**/*.pg.test.ts"];

export default defineConfig({
  plugins: [react()],
  resolve: { alias },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["tests/unit/**/*.test.ts"],
          setupFiles: ["tests/helpers/fail-on-console-error.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          environment: "node",
          include: ["tests/integration/**/*.test.ts"],
          exclude: notForThisDatabase,
          setupFiles: ["tests/helpers/fail-on-console-error.ts", "tests/helpers/test-database.ts"],
          // Each file gets its own SQLite file; the Prisma CLI tests spawn processes and need time.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: "reliability",
          environment: "node",
          include: ["tests/reliability/**/*.test.ts"],
          exclude: notForThisDatabase,
          // Servers, thousands of requests, a crash and a restart.
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "security",
          environment: "node",
          include: ["tests/security/**/*.test.ts"],
          // Production servers started with the settings under test, probed over HTTP.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "component",
          environment: "jsdom",
          include: ["tests/component/**/*.test.tsx"],
          setupFiles: ["tests/helpers/fail-on-console-error.ts", "tests/helpers/dom.ts"],
        },
      },
    ],
  },
});

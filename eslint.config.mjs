import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Next's recommended rules (with React, hooks, accessibility and Core Web Vitals) and
// typescript-eslint's recommended rules, as `eslint-config-next` bundles them. No rule is switched
// off: where a line needs an exception, it says why beside it.
const DATABASE = ["@/lib/db", "@/lib/generated/*", "@/lib/generated/**"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  // The folders' jobs (README, "How the code is laid out"), checked rather than hoped for.
  {
    files: ["components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/app/**", "@/lib/data/*", "@/lib/auth/*", "@/lib/submissions/*", "@/lib/env", ...DATABASE],
              message: "Components use lib/intake and their own props only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**", "lib/**", "prisma/**", "server.ts", "proxy.ts", "instrumentation.ts"],
    ignores: ["lib/data/**", "lib/db.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: DATABASE, message: "Only lib/data queries the database." }] }],
    },
  },
  globalIgnores([".next/**", "lib/generated/**", "next-env.d.ts", "bench-results/**", ".test-output/**", "data/**"]),
]);

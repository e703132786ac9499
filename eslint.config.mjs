import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Next's recommended rules (with React, hooks, accessibility and Core Web Vitals) and
// typescript-eslint's recommended rules, as `eslint-config-next` bundles them. No rule is switched
// off: where a line needs an exception, it says why beside it.
export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/generated/**", "next-env.d.ts", "bench-results/**", ".test-output/**", "data/**"]),
]);

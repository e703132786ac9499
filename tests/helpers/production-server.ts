import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * How tests and the benchmark start the app as `npm start` does (package.json): our server
 * (server.ts, bundled by `npm run build` into .next/server.mjs) in front of the production build,
 * with the same heap. Node is started directly, not through npm, so that a signal sent to the
 * process reaches the server itself.
 */
export function productionServer(env: { port: number; host?: string }) {
  return {
    command: process.execPath,
    args: [path.join(root, ".next/server.mjs")],
    // The heap through NODE_OPTIONS, so that a caller (the benchmark) can try another.
    env: { NODE_ENV: "production" as const, NODE_OPTIONS: "--max-old-space-size=160", PORT: String(env.port), HOST: env.host ?? "127.0.0.1" },
  };
}

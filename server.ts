/**
 * `npm start`: the production server. Next's request handler behind a small Node HTTP server of
 * ours, so that the app knows who is asking (docs/decisions/001-our-own-server.md):
 *   - the client's address comes from the connection (or from TRUST_PROXY trusted proxies), and
 *     the address headers a client sent are removed before Next sees the request;
 *   - whatever Next prints about errors goes through our log, which keeps no client data.
 * `npm run dev` still runs `next dev`; this file is the production entry only. `npm run build`
 * bundles it with esbuild into .next/server.mjs (packages stay in node_modules), which
 * `npm start` runs with plain Node: no TypeScript loader in the running server.
 */
import http from "node:http";
import nextEnv from "@next/env";
import next from "next";
import { getEnv } from "@/lib/env";
import { applyForwarding } from "@/lib/http/forwarding";
import { checkEnvironmentOrExit } from "@/lib/start-up";

// .env and .env.production, read as Next reads them, before the environment is checked.
nextEnv.loadEnvConfig(process.cwd(), false);

checkEnvironmentOrExit();
const env = getEnv();

// Imported after the environment check: the logger reads LOG_LEVEL.
const { errorKind, log, routeConsoleThroughLog } = await import("@/lib/log");
routeConsoleThroughLog();

// The project folder: npm start runs from it (the bundle itself sits in .next/).
const app = next({ dev: false, dir: process.cwd(), port: env.PORT, hostname: env.HOST ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((request, response) => {
  applyForwarding(request.headers, request.socket.remoteAddress, env.TRUST_PROXY);
  handle(request, response).catch((error: unknown) => {
    log.error({ event: "server.request_failed", err: errorKind(error) });
    if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
    response.end("Something went wrong.");
  });
});

const listening = env.HOST ? server.listen(env.PORT, env.HOST) : server.listen(env.PORT);
listening.once("listening", () => {
  log.info({ event: "server.started", port: env.PORT, host: env.HOST ?? "all interfaces", trustProxy: env.TRUST_PROXY });
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    // Finish the requests in hand, take no new ones, then stop.
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}

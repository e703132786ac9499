/**
 * An upgrade as a clinic runs it: a database left by the release with precaution rules version 1,
 * the new migrations, then `npm start`. The server brings the stored counts up to the new rules
 * before it answers its first request (instrumentation.ts), and the dashboard, read over HTTP by
 * a signed-in therapist, shows the counts of each intake's card and the "Rules changed since this
 * review" flag.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRECAUTION_RULES_VERSION, countByLevel, precautionsFor } from "@/lib/intake/precautions";
import { postSignIn } from "../helpers/http-forms";
import { applyMigrations } from "../helpers/migrations";
import { V1_ROWS, buildVersion1Database } from "../helpers/v1-database";
import { createTherapistWithCli, startServer, type Server } from "./harness";

const THERAPIST = { email: "upgrade@clinic.example", name: "Una Grade", password: "upgrade-password-long-enough" };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-upgrade-"));
const databasePath = path.join(dir, "intake.db");
let server: Server;

beforeAll(async () => {
  buildVersion1Database(databasePath);
  applyMigrations(databasePath, { from: "rules_version_2" });
  createTherapistWithCli(databasePath, THERAPIST);
  server = await startServer(databasePath, 3214);
});

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("starting the new release on a version-1 database", () => {
  it("recomputes every intake's counts before answering, once", () => {
    expect(server.output()).toMatch(new RegExp(`"event":"precautions.recomputed","recomputed":${V1_ROWS.length},"rulesChanged":1`));
    const db = new Database(databasePath, { readonly: true });
    try {
      const rows = db.prepare(`SELECT id, stopCount, referCount, avoidCount, precautionsVersion, rulesChanged FROM "Intake"`).all() as {
        id: string;
        stopCount: number;
        referCount: number;
        avoidCount: number;
        precautionsVersion: number;
        rulesChanged: number;
      }[];
      expect(rows).toHaveLength(V1_ROWS.length);
      for (const row of rows) {
        const counts = countByLevel(precautionsFor(V1_ROWS.find((r) => r.id === row.id)!.answers));
        expect(row, row.id).toMatchObject({
          stopCount: counts.stop,
          referCount: counts.refer,
          avoidCount: counts.avoid,
          precautionsVersion: PRECAUTION_RULES_VERSION,
          rulesChanged: row.id === "v1unknown" ? 1 : 0,
        });
      }
    } finally {
      db.close();
    }
  });

  it("shows the new counts and the flag on the dashboard, and the changed items on the intake", async () => {
    const signedIn = await postSignIn(server.url, THERAPIST.email, THERAPIST.password);
    expect(signedIn.cookie).not.toBeNull();
    const headers = { cookie: signedIn.cookie! };

    const dashboard = await (await fetch(`${server.url}/dashboard`, { headers })).text();
    const rowOf = (id: string) => new RegExp(`<tr>(?:(?!</tr>).)*?/dashboard/submissions/${id}"(?:(?!</tr>).)*</tr>`, "s").exec(dashboard)?.[0] ?? "";
    expect(rowOf("v1unknown")).toContain("1 refer");
    expect(rowOf("v1unknown")).toContain("Rules changed since this review");
    expect(rowOf("v1diabetic")).not.toContain("Rules changed since this review");
    expect(dashboard.match(/class="rules-changed-flag"/g)).toHaveLength(1);

    const intake = await (await fetch(`${server.url}/dashboard/submissions/v1unknown`, { headers })).text();
    expect(intake).toContain("Rules changed since this review");
    expect(intake).toContain("New since the last review");
    expect(intake).toContain("Mark as reviewed");
  });
});

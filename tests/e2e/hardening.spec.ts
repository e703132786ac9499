/** Headers, cross-origin actions, client text rendered as text, and no health data in the logs. */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { actionId } from "../helpers/http-forms";
import { failOnConsoleErrors } from "./a11y";
import { validIntake, query, signIn, submitIntake } from "./helpers";
import { sqlFor } from "../helpers/test-sql";
import { E2E_BASE_URL, E2E_DATABASE, E2E_ON_POSTGRES, E2E_SERVER_LOG } from "./server-config";

const PAGES = ["/intake", "/intake/thank-you", "/login", "/dashboard", "/api/health"];

test("every page carries the security headers, with a new CSP nonce each time", async ({ request }) => {
  const nonces = new Set<string>();
  for (const url of PAGES) {
    for (let i = 0; i < 2; i++) {
      const response = await request.get(url, { maxRedirects: 0 });
      const h = response.headers();
      const csp = h["content-security-policy"] ?? "";
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).toContain("base-uri 'none'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toContain("unsafe-eval");
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, url).toBeTruthy();
      nonces.add(nonce!);
      expect(h["x-content-type-options"], url).toBe("nosniff");
      expect(h["referrer-policy"], url).toBe("same-origin");
      expect(h["permissions-policy"], url).toContain("camera=()");
      expect(h["strict-transport-security"], url).toContain("max-age=");
    }
  }
  expect(nonces.size).toBe(PAGES.length * 2);
});

test("a signed-in staff page carries them too, and is not cached", async ({ page }) => {
  failOnConsoleErrors(page);
  await signIn(page);
  const response = await page.goto("/dashboard");
  const h = response!.headers();
  expect(h["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["cache-control"]).toContain("no-store");
  await expect(page.getByRole("heading", { level: 1, name: "Intakes" })).toBeVisible();
});

test("the page's own scripts carry the nonce of its CSP", async ({ page }) => {
  failOnConsoleErrors(page);
  const response = await page.goto("/intake");
  const nonce = /'nonce-([^']+)'/.exec(response!.headers()["content-security-policy"] ?? "")?.[1];
  const scripts = await page.locator("script").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(scripts.length).toBeGreaterThan(0);
  for (const n of scripts) expect(n).toBe(nonce);
  // And the form works under that policy.
  await expect(page.getByLabel("Full name", { exact: true })).toBeEditable();
});

test("a server action posted from another origin is refused", async ({ request }) => {
  const id = actionId("submitIntake");
  const args = JSON.stringify([validIntake({ fullName: "Cross Origin", signature: "Cross Origin" }), crypto.randomUUID()]);

  const evil = await request.post("/intake", {
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", origin: "https://evil.example", accept: "text/x-component" },
    data: args,
  });
  expect(evil.ok()).toBe(false);
  expect(await query(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Intake" WHERE "fullName" = 'Cross Origin'`)).toEqual([{ n: 0 }]);

  // The same request from the app's own origin goes through: the refusal was the origin's doing.
  const own = await request.post("/intake", {
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", origin: E2E_BASE_URL, accept: "text/x-component" },
    data: args,
  });
  expect(own.ok()).toBe(true);
  expect(await query(`SELECT CAST(count(*) AS INTEGER) AS n FROM "Intake" WHERE "fullName" = 'Cross Origin'`)).toEqual([{ n: 1 }]);
});

test("what a client types is shown as text everywhere, never run", async ({ page, browser, request }) => {
  const img = `<img src=x onerror="window.__xss=(window.__xss||0)+1">`;
  const script = `<script>window.__xss=(window.__xss||0)+1</script>`;
  const name = `Xss ${img}`;
  const response = await request.post("/api/intakes", {
    headers: { "x-forwarded-for": "198.51.100.200" },
    data: validIntake({
      fullName: name,
      signature: name,
      medications: script,
      areasToAvoid: `${img} ${script}`,
      hasAllergies: "yes",
      allergies: ["other"],
      allergyDetails: script,
      otherConditions: `"><svg onload="window.__xss=1">`,
    }),
  });
  expect(response.status()).toBe(201);

  failOnConsoleErrors(page);
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await signIn(page);
  await page.getByLabel("Search").fill("Xss");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("link", { name: name })).toBeVisible();
  await page.getByRole("link", { name: name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText(script).first()).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator("main img, main svg[onload]").count()).toBe(0);
  expect(dialogs).toBe(0);
  void browser;
});

test("no health data reaches the server's logs", async ({ page, request }) => {
  const marker = `Zyx${Date.now()}Marker`;
  // Through the API, valid and invalid, and through the form.
  await request.post("/api/intakes", {
    headers: { "x-forwarded-for": "198.51.100.201" },
    data: validIntake({ fullName: `${marker} Valid`, signature: `${marker} Valid`, medications: marker }),
  });
  await request.post("/api/intakes", {
    headers: { "x-forwarded-for": "198.51.100.201" },
    data: { ...validIntake(), email: `${marker}@`, medications: marker },
  });
  await request.post("/api/intakes", { headers: { "x-forwarded-for": "198.51.100.201", "content-type": "application/json" }, data: `{"${marker}` });
  await submitIntake(page, validIntake({ fullName: `${marker} Form`, signature: `${marker} Form`, areasToAvoid: marker }));

  await expect.poll(() => fs.readFileSync(E2E_SERVER_LOG, "utf8")).toContain('"event":"intake.submitted"');
  const log = fs.readFileSync(E2E_SERVER_LOG, "utf8");
  expect(log).not.toContain(marker);
});

/**
 * Triggers that make the database refuse rows with a message quoting the client's answers, as a
 * driver's error can: once on submit, once while a page renders (recording the view). Written
 * for the test server's database, SQLite or PostgreSQL.
 */
function faultTriggers(marker: string) {
  const stamp = Date.now();
  const [submit, view] = [`e2e_fault_submit_${stamp}`, `e2e_fault_view_${stamp}`];
  if (!E2E_ON_POSTGRES) {
    return {
      onSubmit: `CREATE TRIGGER ${submit} BEFORE INSERT ON Intake WHEN instr(NEW.fullName, '${marker} Submit') > 0
        BEGIN SELECT RAISE(ABORT, 'refused: ' || NEW.fullName || ' ' || NEW.answers); END;`,
      onView: (id: string) => `CREATE TRIGGER ${view} BEFORE INSERT ON AuditEvent WHEN NEW.action = 'intake_view' AND NEW.intakeId = '${id}'
        BEGIN SELECT RAISE(ABORT, (SELECT 'refused: ' || fullName || ' ' || answers FROM Intake WHERE id = NEW.intakeId)); END;`,
      drop: [`DROP TRIGGER IF EXISTS ${submit}`, `DROP TRIGGER IF EXISTS ${view}`],
    };
  }
  const fn = (name: string, body: string) =>
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} RETURN NEW; END $$`;
  return {
    onSubmit: `${fn(submit, `IF position('${marker} Submit' in NEW."fullName") > 0 THEN RAISE EXCEPTION 'refused: % %', NEW."fullName", NEW."answers"; END IF;`)};
      CREATE TRIGGER ${submit} BEFORE INSERT ON "Intake" FOR EACH ROW EXECUTE FUNCTION ${submit}()`,
    onView: (id: string) => `${fn(view, `IF NEW."action" = 'intake_view' AND NEW."intakeId" = '${id}' THEN
        RAISE EXCEPTION 'refused: %', (SELECT "fullName" || ' ' || "answers"::text FROM "Intake" WHERE "id" = NEW."intakeId"); END IF;`)};
      CREATE TRIGGER ${view} BEFORE INSERT ON "AuditEvent" FOR EACH ROW EXECUTE FUNCTION ${view}()`,
    drop: [`DROP TRIGGER IF EXISTS ${submit} ON "Intake"`, `DROP TRIGGER IF EXISTS ${view} ON "AuditEvent"`],
  };
}

test("a database error that quotes what a client typed reaches no log", async ({ page, request }) => {
  const marker = `Qvx${Date.now()}Fault`;
  // Triggers make the database refuse these rows with a message that quotes the client's answers,
  // as a driver's error can: once on submit, once while a page renders (recording the view).
  const db = sqlFor(E2E_DATABASE);
  const faults = faultTriggers(marker);
  try {
    await db.run(faults.onSubmit);
    const refused = await request.post("/api/intakes", {
      headers: { "x-forwarded-for": "198.51.100.202" },
      data: validIntake({ fullName: `${marker} Submit`, signature: `${marker} Submit`, medications: marker }),
    });
    expect(refused.status()).toBe(500);
    expect(await refused.text()).not.toContain(marker);

    const stored = await request.post("/api/intakes", {
      headers: { "x-forwarded-for": "198.51.100.202" },
      data: validIntake({ fullName: `${marker} View`, signature: `${marker} View`, medications: marker }),
    });
    const { id } = (await stored.json()) as { id: string };
    await db.run(faults.onView(id));
    await signIn(page);
    const view = await page.goto(`/dashboard/submissions/${id}`);
    expect(view!.status()).toBe(500);
    expect(await page.content()).not.toContain(marker);
  } finally {
    for (const drop of faults.drop) await db.run(drop);
    await db.close();
  }
  // Both failures were logged, as kinds: and nothing of what the client typed.
  await expect.poll(() => fs.readFileSync(E2E_SERVER_LOG, "utf8")).toContain('"event":"api.intake_failed"');
  await expect.poll(() => fs.readFileSync(E2E_SERVER_LOG, "utf8")).toContain('"route":"/dashboard/submissions/[id]"');
  expect(fs.readFileSync(E2E_SERVER_LOG, "utf8")).not.toContain(marker);
});

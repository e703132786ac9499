/**
 * The app's forms, posted over HTTP as a browser without JavaScript would post them: the page is
 * fetched, its hidden fields (the server action's id and state) copied, the visible ones filled in.
 */
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

function hiddenFields(html: string): [string, string][] {
  const unescape = (v: string) => v.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
  return [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map((m) => [m[1]!, unescape(m[2] ?? "")]);
}

export type SignInAnswer = { status: number; message: string | null; cookie: string | null };

/** Posts the sign-in form; `headers` are added to both requests (a forged X-Forwarded-For, say). */
export async function postSignIn(base: string, email: string, password: string, headers: Record<string, string> = {}): Promise<SignInAnswer> {
  const page = await fetch(`${base}/login`, { headers });
  const form = new FormData();
  for (const [name, value] of hiddenFields(await page.text())) form.append(name, value);
  form.append("email", email);
  form.append("password", password);
  const answer = await fetch(`${base}/login`, { method: "POST", body: form, redirect: "manual", headers: { origin: base, ...headers } });
  const html = await answer.text();
  const message = /<p[^>]*role="alert"[^>]*>([^<]+)</.exec(html)?.[1] ?? null;
  const cookie = /better-auth\.session_token=[^;]+/.exec(answer.headers.get("set-cookie") ?? "")?.[0] ?? null;
  return { status: answer.status, message, cookie };
}

/** The id of a server action in the current build, by its exported name. */
export function actionId(exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName);
  if (!found) throw new Error(`No server action named ${exportedName} in the build`);
  return found[0];
}

/**
 * API keys for integrations that read exports (a practice's EHR reading FHIR responses):
 *
 *   npm run apikey:create -- --name "Practice EHR" [--owner owner@clinic.example]
 *       prints the key once: it is stored only as a hash. It belongs to an owner account (the
 *       clinic's only owner unless --owner names one) and stops working if that account is disabled.
 *   npm run apikey:list
 *   npm run apikey:revoke -- --id <key id>
 *       the next request with the key gets 401; the key stays listed as revoked.
 */
import "./load-env";
import { parseArgs } from "node:util";
import { createExportApiKey, revokeExportApiKey } from "@/lib/auth/api-keys";
import { listApiKeys } from "@/lib/data/api-keys";
import { closeDatabase } from "@/lib/data/auth-store";

function usage(message?: string): never {
  if (message) console.error(`Error: ${message}\n`);
  console.error(
    'Usage:\n  npm run apikey:create -- --name "<name>" [--owner <owner email>]\n' +
      "  npm run apikey:list\n  npm run apikey:revoke -- --id <key id>",
  );
  process.exit(2);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: { name: { type: "string" }, owner: { type: "string" }, id: { type: "string" } },
    strict: true,
  });
  if (command === "create") {
    if (!values.name) usage("--name is required");
    const created = await createExportApiKey({ name: values.name, ownerEmail: values.owner });
    console.error(`Made API key "${created.name}" (id ${created.id}) for ${created.ownerEmail}; it can read exports only.`);
    console.error("Keep it somewhere safe: it is not shown again. Send it in the X-API-Key header.");
    // The key alone on standard output, so a script can capture it.
    console.log(created.key);
  } else if (command === "list") {
    const keys = await listApiKeys();
    if (keys.length === 0) console.log("No API keys.");
    for (const k of keys) {
      const used = k.lastRequest ? `last used ${k.lastRequest.toISOString()}` : "never used";
      console.log(`${k.id}  ${k.state}  "${k.name}"  ${k.start}…  by ${k.ownerEmail}, made ${k.createdAt.toISOString()}, ${used}`);
    }
  } else if (command === "revoke") {
    if (!values.id) usage("--id is required (see npm run apikey:list)");
    if (!(await revokeExportApiKey(values.id))) throw new Error(`No working API key has the id ${values.id} (see npm run apikey:list)`);
    console.log(`Revoked API key ${values.id}.`);
  } else {
    usage(`unknown command "${command ?? ""}"`);
  }
}

main()
  .catch((error: unknown) => {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => closeDatabase());

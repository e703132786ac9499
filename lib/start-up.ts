import { EnvError, getEnv } from "@/lib/env";

/** Stops the server at start-up, naming each bad variable, rather than failing on the first request. */
export function checkEnvironmentOrExit(): void {
  try {
    getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`\nThe server cannot start. ${error.message}\n`);
    process.exit(1);
  }
}


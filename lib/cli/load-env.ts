import nextEnv from "@next/env";

// Command-line tools read .env files exactly as Next does (.env.production* when
// NODE_ENV=production), so they work on the app's database.
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production");

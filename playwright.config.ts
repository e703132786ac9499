import { defineConfig } from "@playwright/test";
import { CHROMIUM_PATH, E2E_BASE_URL } from "./tests/e2e/server-config";

// Debian's Chromium, never a downloaded browser (downloads fail on these machines).
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 90_000,
  reporter: [["list"]],
  outputDir: ".test-output/playwright",
  use: {
    baseURL: E2E_BASE_URL,
    locale: "en-US",
    timezoneId: "UTC",
    // A mid-range phone: the narrowest width the form is built for.
    viewport: { width: 360, height: 780 },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "npx tsx tests/e2e/server.ts",
    url: `${E2E_BASE_URL}/intake`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});

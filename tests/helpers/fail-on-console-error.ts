import { afterEach, beforeEach, vi } from "vitest";

// A console.error during a test (a React warning, an unexpected log) means something is wrong:
// record it and fail the test that caused it.
let messages: string[] = [];

beforeEach(() => {
  messages = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    messages.push(args.map(String).join(" "));
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  if (messages.length > 0) {
    throw new Error(`console.error was called during the test:\n${messages.join("\n")}`);
  }
});

import { describe, expect, it } from "vitest";
import { hashLinkToken, isLinkTokenShaped, newLinkToken } from "@/lib/appointments/link-token";

describe("a personal link's token", () => {
  it("carries 256 random bits, and only its hash is kept", () => {
    const tokens = Array.from({ length: 1000 }, () => newLinkToken());
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1000);
    for (const { token, hash } of tokens.slice(0, 20)) {
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(isLinkTokenShaped(token)).toBe(true);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).toBe(hashLinkToken(token));
      expect(hash).not.toContain(token);
    }
    // Every byte value appears among 1,000 tokens' 32,000 random bytes.
    const seen = new Set(tokens.flatMap((t) => [...Buffer.from(t.token, "base64url")]));
    expect(seen.size).toBe(256);
  });

  it("refuses what is not shaped like one before any look-up", () => {
    for (const value of ["", "abc", "x".repeat(44), `${"a".repeat(42)}=`, `${"a".repeat(42)}/`, null, 42, ["a".repeat(43)]]) {
      expect(isLinkTokenShaped(value), String(value)).toBe(false);
    }
  });
});

import { describe, expect, it } from "vitest";
import { hashLinkToken, isLinkTokenShaped, linkTokenOf, newLinkToken } from "@/lib/appointments/link-token";

const SECRET = "a-test-secret-of-at-least-thirty-two-characters";

describe("a personal link's token", () => {
  it("carries 256 bits from a random seed, and only its hash and seed are kept", () => {
    const links = Array.from({ length: 1000 }, () => newLinkToken(SECRET));
    expect(new Set(links.map((t) => t.token)).size).toBe(1000);
    expect(new Set(links.map((t) => t.seed)).size).toBe(1000);
    for (const { seed, token, hash } of links.slice(0, 20)) {
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(Buffer.from(seed, "base64url")).toHaveLength(32);
      expect(isLinkTokenShaped(token)).toBe(true);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).toBe(hashLinkToken(token));
      expect(hash).not.toContain(token);
      expect(seed).not.toBe(token);
    }
    // Every byte value appears among 1,000 tokens' 32,000 bytes.
    const seen = new Set(links.flatMap((t) => [...Buffer.from(t.token, "base64url")]));
    expect(seen.size).toBe(256);
  });

  it("is made again from its seed with the same secret only (for the reminder)", () => {
    const { seed, token } = newLinkToken(SECRET);
    expect(linkTokenOf(seed, SECRET)).toBe(token);
    expect(linkTokenOf(seed, `${SECRET}-other`)).not.toBe(token);
  });

  it("refuses what is not shaped like one before any look-up", () => {
    for (const value of ["", "abc", "x".repeat(44), `${"a".repeat(42)}=`, `${"a".repeat(42)}/`, null, 42, ["a".repeat(43)]]) {
      expect(isLinkTokenShaped(value), String(value)).toBe(false);
    }
  });
});

import { describe, expect, it } from "vitest";
import { limitKeyOf } from "@/lib/http/client-address";
import { applyForwarding, resolveClientAddress } from "@/lib/http/forwarding";
import { holdsOnlyPlainValues, nestsDeeperThan, referencesResolve } from "@/lib/http/request-shape";
import { intakeSchema, toValidationErrors } from "@/lib/intake/schema";
import { TEXT_MESSAGES, cleanSearchText } from "@/lib/intake/text";
import { validIntake } from "../helpers/intake-fixtures";

function errorsOf(input: unknown) {
  const result = intakeSchema.safeParse(input);
  return result.success ? {} : toValidationErrors(result.error).fieldErrors;
}

describe("text a client types", () => {
  const name = (fullName: string) => errorsOf(validIntake({ fullName, signature: fullName })).fullName;

  it("accepts names in any script, with accents, apostrophes and hyphens", () => {
    for (const ok of ["Zoë O'Brien-Núñez", "Nguyễn Thị Minh Khai", "Дмитрий Иванов", "李小龍", "नमस्ते देवी", "عائشة"]) {
      expect(name(ok), ok).toBeUndefined();
    }
  });

  it("refuses a lone surrogate, which the database cannot store", () => {
    expect(name("Maria \ud800Jensen")).toBe(TEXT_MESSAGES.unstorable);
    expect(errorsOf(validIntake({ medications: "aspirin \udfff" })).medications).toBe(TEXT_MESSAGES.unstorable);
  });

  it("refuses control characters in names and free text, but keeps line breaks in free text", () => {
    expect(name("Maria\u0000Jensen")).toBe(TEXT_MESSAGES.control);
    expect(name("Maria\u001bJensen")).toBe(TEXT_MESSAGES.control);
    expect(name("Maria\u0007Jensen")).toBe(TEXT_MESSAGES.control);
    expect(name("Maria\nJensen")).toBe(TEXT_MESSAGES.lineBreak);
    expect(errorsOf(validIntake({ medications: "metformin\u0000" })).medications).toBe(TEXT_MESSAGES.control);
    expect(errorsOf(validIntake({ medications: "metformin\nwarfarin\t5 mg" })).medications).toBeUndefined();
  });

  it("refuses bidirectional overrides, which make a name display reversed", () => {
    expect(name("Maria \u202eJensen")).toBe(TEXT_MESSAGES.bidi);
    expect(name("Maria \u2066Jensen\u2069")).toBe(TEXT_MESSAGES.bidi);
    expect(errorsOf(validIntake({ areasToAvoid: "left \u202dheel" })).areasToAvoid).toBe(TEXT_MESSAGES.bidi);
  });

  it("refuses piles of combining marks", () => {
    expect(errorsOf(validIntake({ medications: `a${"\u0301".repeat(300)}` })).medications).toBe(TEXT_MESSAGES.marks);
    expect(name(`Maria J${"\u0301".repeat(5)}ensen`)).toBe(TEXT_MESSAGES.marks);
  });

  it("refuses answers made only of invisible characters, and names without a letter", () => {
    expect(name("\u200b\u200b")).toBe(TEXT_MESSAGES.invisible);
    expect(name("1234 5678")).toBe(TEXT_MESSAGES.nameLetter);
    expect(errorsOf(validIntake({ emergencyContactName: "\u200b" })).emergencyContactName).toBe(TEXT_MESSAGES.invisible);
    expect(errorsOf(validIntake({ otherConditions: "\u200b\u2060" })).otherConditions).toBe(TEXT_MESSAGES.invisible);
  });

  it("cleans a search rather than refusing it", () => {
    expect(cleanSearchText("Ma\u0000ria\ud800 Jen\u202esen")).toBe("Maria Jensen");
  });
});

describe("nesting", () => {
  it("finds deep nesting in one pass, and ignores brackets inside strings", () => {
    expect(nestsDeeperThan("[".repeat(100_000) + "]".repeat(100_000))).toBe(true);
    expect(nestsDeeperThan(JSON.stringify({ a: [[{ b: ["[".repeat(500)] }]] }))).toBe(false);
    expect(nestsDeeperThan(JSON.stringify(validIntake()))).toBe(false);
    expect(nestsDeeperThan(`["\\"${"[".repeat(40)}"]`)).toBe(false);
  });
});

describe("a server action's text body", () => {
  it("holds only what React's encoding of plain answers can hold", () => {
    expect(holdsOnlyPlainValues([{ name: "$$5 off", a: "$undefined", b: ["$-0", "$NaN", "$-Infinity", "$n12"] }, "key"])).toBe(true);
    expect(holdsOnlyPlainValues([{ d: "$D2026-11-25T10:00:00.000Z" }])).toBe(true);
    for (const reference of ["$", "$1", "$@1", "$Q2", "$F1", "$nope", "$K"]) expect(holdsOnlyPlainValues([{ x: [reference] }]), reference).toBe(false);
  });
});

describe("what the per-address limits count by", () => {
  it("is an IPv4 address itself, and an IPv6 address's /64", () => {
    expect(limitKeyOf("198.51.100.7")).toBe("198.51.100.7");
    expect(limitKeyOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(limitKeyOf("2001:0db8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64");
    expect(limitKeyOf("2001:db8::5")).toBe("2001:db8:0:0::/64");
    expect(limitKeyOf("::1")).toBe("0:0:0:0::/64");
  });
});

describe("references in a multipart action body", () => {
  it("resolve to parts that were sent, as the browser sends the sign-in form", () => {
    const names = ["_1_$ACTION_REF_1", "_1_email", "_1_password", "0"];
    expect(referencesResolve([{}, "$K1"], names)).toBe(true);
    expect(referencesResolve([{}, "$K2"], names)).toBe(false);
    expect(referencesResolve(["$1"], ["0"])).toBe(false);
    expect(referencesResolve(["$@1"], ["0", "1"])).toBe(true);
  });
});

describe("the client's address", () => {
  it("is the connection's when no proxy is trusted, whatever the headers say", () => {
    expect(resolveClientAddress("::ffff:127.0.0.1", "198.51.100.7", 0)).toBe("127.0.0.1");
    const headers: Record<string, string | string[] | undefined> = {
      "x-forwarded-for": "198.51.100.7",
      "x-real-ip": "198.51.100.8",
      forwarded: "for=198.51.100.9",
      "x-forwarded-host": "evil.example",
      host: "clinic.example",
    };
    expect(applyForwarding(headers, "192.0.2.1", 0)).toBe("192.0.2.1");
    expect(headers).toEqual({ "x-forwarded-for": "192.0.2.1", host: "clinic.example" });
  });

  it("is the entry the trusted proxies added, counted from the right", () => {
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.1", 2)).toBe("198.51.100.7");
    // Fewer entries than trusted hops: the furthest one there is.
    expect(resolveClientAddress("10.0.0.2", "198.51.100.7", 3)).toBe("198.51.100.7");
    // An entry that is not an address ends the walk at the last hop we can vouch for.
    expect(resolveClientAddress("10.0.0.2", "198.51.100.7, not-an-ip", 2)).toBe("10.0.0.2");
    const headers: Record<string, string | string[] | undefined> = { "x-forwarded-for": "198.51.100.7", "x-forwarded-proto": "https", "x-real-ip": "1.1.1.1" };
    applyForwarding(headers, "10.0.0.2", 1);
    expect(headers).toEqual({ "x-forwarded-for": "198.51.100.7", "x-forwarded-proto": "https" });
  });
});

describe("an error in the log", () => {
  it("keeps the stack's frames, never a line of its message", async () => {
    const { errorKind } = await import("@/lib/log");
    const error = new SyntaxError('Unexpected token in "Maria Secretname\n    at not a frame Secretname"');
    const kind = errorKind(error, { withFrames: true });
    expect(kind.name).toBe("SyntaxError");
    expect(kind.frames!.length).toBeGreaterThan(0);
    expect(JSON.stringify(kind)).not.toContain("Secretname");
  });
});

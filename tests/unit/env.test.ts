import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

describe("parseEnv", () => {
  it("needs nothing set in development: a SQLite file under the project", () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe("development");
    expect(env.database).toEqual({ kind: "sqlite", path: path.resolve(process.cwd(), "data/intake.db") });
    expect(env.LOG_LEVEL).toBe("info");
  });

  it("treats an empty value as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", LOG_LEVEL: "" }).DATABASE_URL).toBe("file:./data/intake.db");
  });

  it("keeps an absolute database path as given", () => {
    expect(parseEnv({ DATABASE_URL: "file:/srv/intake/db.sqlite" }).database).toEqual({ kind: "sqlite", path: "/srv/intake/db.sqlite" });
    const postgres = "postgresql://intake:secret@db.internal:5432/intake";
    expect(parseEnv({ DATABASE_URL: postgres }).database).toEqual({ kind: "postgresql", url: postgres });
    expect(() => parseEnv({ DATABASE_URL: "mysql://db/intake" })).toThrow(/DATABASE_URL: must be a SQLite file URL .* or a PostgreSQL URL/);
  });

  it("names every malformed variable in one message", () => {
    let error: unknown;
    try {
      parseEnv({ DATABASE_URL: "mysql://db/intake", LOG_LEVEL: "loud" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect(String((error as Error).message)).toMatch(/DATABASE_URL: must be a SQLite file URL/);
    expect(String((error as Error).message)).toMatch(/LOG_LEVEL/);
  });
});

describe("production", () => {
  it("refuses to start without its own auth secret", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/BETTER_AUTH_SECRET: is required in production/);
    expect(() => parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "short" })).toThrow(/at least 32 characters/);
  });

  it("starts with a long enough secret", () => {
    const secret = "a".repeat(64);
    expect(parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: secret }).BETTER_AUTH_SECRET).toBe(secret);
  });

  it("gives development a secret of its own, so nothing needs setting", () => {
    expect(parseEnv({}).BETTER_AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });
});

describe("next build", () => {
  it("needs no secrets (the server checks them when it starts)", () => {
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
  });
});

describe("the server's address settings", () => {
  it("trusts no proxy and listens on port 3000 unless told otherwise", () => {
    expect(parseEnv({})).toMatchObject({ TRUST_PROXY: 0, PORT: 3000 });
    expect(parseEnv({}).HOST).toBeUndefined();
    expect(parseEnv({ TRUST_PROXY: "1", PORT: "8080", HOST: "127.0.0.1" })).toMatchObject({ TRUST_PROXY: 1, PORT: 8080, HOST: "127.0.0.1" });
  });

  it("names a TRUST_PROXY that is not a count of proxies", () => {
    expect(() => parseEnv({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY: must be a whole number/);
    expect(() => parseEnv({ TRUST_PROXY: "-1" })).toThrow(/TRUST_PROXY: must be 0 or more/);
  });
});

describe("the clinic's time zone", () => {
  it("is UTC unless set, and must be a zone this server knows", () => {
    expect(parseEnv({}).CLINIC_TIME_ZONE).toBe("UTC");
    expect(parseEnv({ CLINIC_TIME_ZONE: "Europe/London" }).CLINIC_TIME_ZONE).toBe("Europe/London");
    expect(() => parseEnv({ CLINIC_TIME_ZONE: "London" })).toThrow(/CLINIC_TIME_ZONE: must be an IANA time zone name/);
  });
});

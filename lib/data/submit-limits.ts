import "server-only";
import { RateLimiterMemory, RateLimiterPrisma, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { getDb, type Db } from "@/lib/db";

/**
 * Where the submit limit per client address is counted. On SQLite there is one server process (one
 * file), so it counts in memory: a restart forgetting the counts only lets a few more through. On
 * PostgreSQL several app instances share the database, and a client's submissions may reach any of
 * them, so the count lives in the database (the SubmitRateLimit table, through rate-limiter-
 * flexible's Prisma store).
 */
export function createSubmitLimiter(pointsPerMinute: number, db: Db = getDb(), keyPrefix = "submit"): RateLimiterAbstract {
  const options = { keyPrefix, points: pointsPerMinute, duration: 60 };
  if (db.$databaseKind() === "postgresql") return new RateLimiterPrisma({ ...options, storeClient: db, tableName: "submitRateLimit" });
  return new RateLimiterMemory(options);
}

/** A refusal because the limit was reached (not a store that failed, which rejects with an Error). */
export function isLimitReached(refusal: unknown): refusal is RateLimiterRes {
  return refusal instanceof RateLimiterRes;
}

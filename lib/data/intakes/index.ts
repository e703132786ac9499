import "server-only";
/** Intakes in the database: storing one (create), listing them (list), reading and reviewing one (review). */
export * from "./create";
export * from "./list";
export * from "./review";
export * from "./summary";

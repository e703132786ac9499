import "server-only";
/**
 * Intakes in the database: storing one (create), listing them (list) and reading the whole list
 * for the CSV (export), reading and reviewing one (review), and bringing stored counts up to a
 * new rules version (rules-version).
 */
export * from "./create";
export * from "./export";
export * from "./list";
export * from "./review";
export * from "./rules-version";
export * from "./summary";

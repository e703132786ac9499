import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "@/lib/database-kind";
import { schemaFor, schemaPathOf } from "@/prisma/schemas";

describe("each database's schema file", () => {
  it.each(DATABASE_KINDS)("%s: is made from prisma/model.prisma, unchanged since (run npm run db:schemas)", (kind) => {
    const file = fs.readFileSync(schemaPathOf(kind), "utf8");
    expect(file).toBe(schemaFor(kind));
    expect(file).toContain(`provider = "${kind}"`);
    expect(file).toContain(`output     = "../../lib/generated/${kind}"`);
  });

  it("differs between the databases only in the lines that name the database", () => {
    const [sqlite, postgresql] = DATABASE_KINDS.map((kind) => schemaFor(kind).split("\n"));
    const differing = sqlite!.filter((line, i) => line !== postgresql![i]);
    expect(differing.map((l) => l.trim())).toEqual(['output     = "../../lib/generated/sqlite"', 'provider = "sqlite"']);
  });
});

import { describe, expect, it } from "vitest";
import { earliestToday, formatDate, isCalendarDate, latestToday, yearsBefore } from "@/lib/intake/dates";
import { REFERENCE_ALPHABET, newReference, parseReference } from "@/lib/intake/reference";

describe("reference codes", () => {
  it("are XXXX-XXXX from an alphabet without look-alike characters", () => {
    for (const ch of "01ILOUV") expect(REFERENCE_ALPHABET).not.toContain(ch);
    for (let i = 0; i < 200; i++) expect(newReference()).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  });

  it("rarely repeat", () => {
    const codes = new Set(Array.from({ length: 5000 }, newReference));
    expect(codes.size).toBe(5000);
  });

  it("are read back as a person may type them", () => {
    expect(parseReference(" k7m4 qpxd ")).toBe("K7M4-QPXD");
    expect(parseReference("K7M4-QPX0")).toBeNull();
    expect(parseReference("<script>")).toBeNull();
  });
});

describe("calendar dates", () => {
  it("knows real dates from impossible ones", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2026-13-01")).toBe(false);
    expect(isCalendarDate("26-1-1")).toBe(false);
  });

  it("takes 'today' as the earliest and latest date anywhere on Earth", () => {
    const now = new Date("2026-11-24T05:00:00Z");
    expect(earliestToday(now)).toBe("2026-11-23");
    expect(latestToday(now)).toBe("2026-11-24");
    expect(latestToday(new Date("2026-11-24T11:00:00Z"))).toBe("2026-11-25");
  });

  it("counts years back, with 29 February falling to the 28th", () => {
    expect(yearsBefore("2026-11-24", 120)).toBe("1906-11-24");
    expect(yearsBefore("2024-02-29", 1)).toBe("2023-02-28");
  });

  it("writes dates for people", () => {
    expect(formatDate("2026-12-01")).toBe("1 December 2026");
  });
});

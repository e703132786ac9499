import { describe, expect, it } from "vitest";
import { endOfLocalDay, instantOf, isTimeZone, localDateOf, localTimeOf } from "@/lib/appointments/clinic-time";

describe("times in the clinic's time zone", () => {
  it("knows IANA names and refuses others", () => {
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });

  it.each([
    // [zone, date, time, the instant in UTC]
    ["Europe/London", "2026-01-15", "10:30", "2026-01-15T10:30:00.000Z"],
    ["Europe/London", "2026-07-15", "10:30", "2026-07-15T09:30:00.000Z"],
    ["America/New_York", "2026-07-15", "09:00", "2026-07-15T13:00:00.000Z"],
    ["Asia/Kolkata", "2026-03-01", "00:15", "2026-02-28T18:45:00.000Z"],
    ["Australia/Sydney", "2026-12-24", "23:45", "2026-12-24T12:45:00.000Z"],
    // Europe/London's clocks go back at 02:00 on 2026-10-25: 01:30 happens twice; the first is kept.
    ["Europe/London", "2026-10-25", "01:30", "2026-10-25T00:30:00.000Z"],
  ])("%s %s %s is %s", (zone, date, time, utc) => {
    const instant = instantOf(date, time, zone);
    expect(instant).toBeInstanceOf(Date);
    expect((instant as Date).toISOString()).toBe(utc);
    expect(localDateOf(instant as Date, zone)).toBe(date);
    expect(localTimeOf(instant as Date, zone)).toBe(time);
  });

  it("refuses a time the clocks skip, and what is not a date or a time", () => {
    // Europe/London skips 01:00-02:00 on 2026-03-29; America/New_York skips 02:00-03:00 on 2026-03-08.
    expect(instantOf("2026-03-29", "01:30", "Europe/London")).toBe("skipped");
    expect(instantOf("2026-03-08", "02:30", "America/New_York")).toBe("skipped");
    expect(instantOf("2026-02-30", "10:00", "Europe/London")).toBe("not-a-date");
    expect(instantOf("30/01/2026", "10:00", "Europe/London")).toBe("not-a-date");
    expect(instantOf("2026-01-30", "24:00", "Europe/London")).toBe("not-a-time");
    expect(instantOf("2026-01-30", "9:00", "Europe/London")).toBe("not-a-time");
  });

  it.each([
    ["Europe/London", "2026-01-15", "2026-01-15T23:59:59.999Z"],
    ["Europe/London", "2026-07-15", "2026-07-15T22:59:59.999Z"],
    ["America/New_York", "2026-11-01", "2026-11-02T04:59:59.999Z"],
    ["Pacific/Auckland", "2026-06-01", "2026-06-01T11:59:59.999Z"],
    // The day the clocks go forward in London is 23 hours long; the day they go back, 25.
    ["Europe/London", "2026-03-29", "2026-03-29T22:59:59.999Z"],
    ["Europe/London", "2026-10-25", "2026-10-25T23:59:59.999Z"],
    // Chile's clocks go forward at midnight: 2026-09-06 starts at 01:00 there.
    ["America/Santiago", "2026-09-05", "2026-09-06T03:59:59.999Z"],
  ])("a link for %s %s lasts until %s", (zone, date, utc) => {
    expect(endOfLocalDay(date, zone).toISOString()).toBe(utc);
    expect(localDateOf(endOfLocalDay(date, zone), zone)).toBe(date);
    expect(localDateOf(new Date(endOfLocalDay(date, zone).getTime() + 1), zone)).not.toBe(date);
  });
});

/**
 * Calendar dates as "YYYY-MM-DD". The client and the server may sit in different time zones, so
 * "today" is taken generously: a date is "not in the past" if it is not before today's date in
 * the time zone furthest behind (UTC-12), and "not in the future" if it is not after today's date
 * in the zone furthest ahead (UTC+14).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The earliest date it is anywhere on Earth right now. */
export function earliestToday(now: Date = new Date()): string {
  return isoDate(now.getTime() - 12 * 60 * 60 * 1000);
}

/** The latest date it is anywhere on Earth right now. */
export function latestToday(now: Date = new Date()): string {
  return isoDate(now.getTime() + 14 * 60 * 60 * 1000);
}

/** The same calendar date `years` earlier (29 February falls back to 28). */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(y - years, m - 1, d));
  if (shifted.getUTCMonth() !== m - 1) return isoDate(shifted.getTime() - shifted.getUTCDate() * DAY_MS);
  return isoDate(shifted.getTime());
}

/** "24 November 2026", for people to read. */
export function formatDate(date: string): string {
  if (!isCalendarDate(date)) return date;
  return new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

/** How staff pages write times: "24 Nov 2026, 14:05" in the clinic's time zone (the server's). */
export function formatDateTime(date: Date): string {
  return date.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

/**
 * Times in the clinic's time zone (CLINIC_TIME_ZONE, an IANA name such as "Europe/London"):
 * appointment times are entered and shown in it, and a personal link lasts until the end of the
 * appointment's day there, whatever zone the server or the client is in. Pure, with Intl alone;
 * tests cover the days the clocks change.
 */

/** Whether `name` is a time zone this Node knows (an IANA name such as "Europe/London", or "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function partsIn(instant: Date, timeZone: string): Parts {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function offsetAt(instant: Date, timeZone: string): number {
  const p = partsIn(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The calendar date ("YYYY-MM-DD") an instant falls on in the zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** The wall-clock time ("HH:MM") of an instant in the zone. */
export function localTimeOf(instant: Date, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${String(p.hour).padStart(2, "0")}:${String(p.minute).padStart(2, "0")}`;
}

export type LocalTimeProblem = "not-a-date" | "not-a-time" | "skipped";

/**
 * The instant a wall-clock date and time in the zone stand for. A time the clocks skip (the hour
 * lost when summer time starts) is refused: an appointment cannot be at a time that does not
 * exist there. A time that happens twice (the hour repeated when summer time ends) is the first.
 */
export function instantOf(date: string, time: string, timeZone: string): Date | LocalTimeProblem {
  const d = DATE.exec(date);
  if (!d) return "not-a-date";
  const t = TIME.exec(time);
  if (!t) return "not-a-time";
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(wall).getUTCDate() !== day) return "not-a-date";
  // The wall time read as UTC, moved by the zone's offset; the offset may differ across a change,
  // so try the offsets on both sides of it and keep one that reads back as the same wall time.
  const candidates = [offsetAt(new Date(wall - 86_400_000), timeZone), offsetAt(new Date(wall), timeZone), offsetAt(new Date(wall + 86_400_000), timeZone)];
  const matches = [...new Set(candidates)]
    .map((offset) => new Date(wall - offset))
    .filter((instant) => localDateOf(instant, timeZone) === date && localTimeOf(instant, timeZone) === time)
    .sort((a, b) => a.getTime() - b.getTime());
  return matches[0] ?? "skipped";
}

/** The last moment of a calendar date in the zone: a personal link for that day lasts until then. */
export function endOfLocalDay(date: string, timeZone: string): Date {
  const d = DATE.exec(date);
  if (!d) throw new Error("not a calendar date");
  const next = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]) + 1));
  const nextDate = next.toISOString().slice(0, 10);
  // The day ends just before the next one starts: at its midnight, or, in the few zones whose
  // clocks change at midnight, at 01:00 when midnight is skipped.
  for (const time of ["00:00", "01:00"]) {
    const start = instantOf(nextDate, time, timeZone);
    if (start instanceof Date) return new Date(start.getTime() - 1);
  }
  throw new Error(`no start of ${nextDate} in ${timeZone}`);
}

/** An appointment's moment in words, in the zone: "Tuesday, 8 December 2026 at 10:30". */
export function appointmentWhen(startsAt: Date, timeZone: string): string {
  const date = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(startsAt);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(startsAt);
  return `${date} at ${time}`;
}

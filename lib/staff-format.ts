/** How staff pages write times: "24 Nov 2026, 14:05" in the clinic's time zone (the server's). */
export function formatDateTime(date: Date): string {
  return date.toLocaleString("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

import { z } from "zod";
import type { IntakeFilters, PageCursor } from "@/lib/data/intakes/list";
import { decodeCursor } from "@/lib/data/intakes/list";
import { earliestToday, isCalendarDate } from "@/lib/intake/dates";
import { cleanSearchText } from "@/lib/intake/text";

/**
 * The dashboard's filters in its address (?status=&from=&to=&q=&flagged=), read the same way by
 * the page and by the CSV export of the list as filtered.
 */

export type SearchParams = Record<string, string | string[] | undefined>;

/** A parameter given once; a repeated or missing one is undefined. */
export const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const dateParam = z.string().refine(isCalendarDate).optional().catch(undefined);

/** Reads the filters from the address; anything malformed is ignored rather than an error. */
export function readFilters(params: SearchParams): { filters: IntakeFilters; cursor: PageCursor | null } {
  const status = one(params.status);
  const fromRaw = one(params.from);
  const filters: IntakeFilters = {
    status: status === "new" || status === "reviewed" ? status : undefined,
    // Upcoming first: unless the therapist chose otherwise, start from today.
    from: fromRaw === undefined ? earliestToday() : dateParam.parse(fromRaw),
    to: dateParam.parse(one(params.to)),
    // Control characters, lone surrogates and the like are dropped, never sent to the database.
    search: cleanSearchText(one(params.q) ?? "").slice(0, 100) || undefined,
    flaggedOnly: one(params.flagged) === "1" || undefined,
  };
  const cursor = decodeCursor("after", one(params.after)) ?? decodeCursor("before", one(params.before));
  return { filters, cursor };
}

/** The filters as an address's query (without a page): what readFilters reads back. */
export function filtersQuery(filters: IntakeFilters): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.status) query.set("status", filters.status);
  query.set("from", filters.from ?? "");
  if (filters.to) query.set("to", filters.to);
  if (filters.search) query.set("q", filters.search);
  if (filters.flaggedOnly) query.set("flagged", "1");
  return query;
}

/** A URL's query as SearchParams. */
export function searchParamsOf(url: URL): SearchParams {
  const out: SearchParams = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { requireTherapist } from "@/lib/auth/session";
import {
  INTAKE_STATUSES,
  countIntakes,
  decodeCursor,
  encodeCursor,
  listIntakes,
  type IntakeFilters,
  type PageCursor,
} from "@/lib/data/intakes";
import { getEnv } from "@/lib/env";
import { earliestToday, formatDate, isCalendarDate } from "@/lib/intake/dates";
import { cleanSearchText } from "@/lib/intake/text";
import { formatDateTime } from "@/lib/staff-format";

export const metadata: Metadata = { title: "Intakes" };

type SearchParams = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const dateParam = z.string().refine(isCalendarDate).optional().catch(undefined);

/** Reads the filters from the address; anything malformed is ignored rather than an error. */
function readFilters(params: SearchParams): { filters: IntakeFilters; cursor: PageCursor | null } {
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

function pageHref(filters: IntakeFilters, cursor: PageCursor): string {
  const query = new URLSearchParams();
  if (filters.status) query.set("status", filters.status);
  query.set("from", filters.from ?? "");
  if (filters.to) query.set("to", filters.to);
  if (filters.search) query.set("q", filters.search);
  if (filters.flaggedOnly) query.set("flagged", "1");
  query.set(cursor.direction, encodeCursor(cursor));
  return `/dashboard?${query}`;
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireTherapist();
  const { filters, cursor } = readFilters(await searchParams);
  const page = await listIntakes(filters, cursor);
  const empty = page.items.length === 0 && !cursor && (await countIntakes()) === 0;

  return (
    <div className="page wide">
      <h1>Intakes</h1>

      <form className="filters" method="get" action="/dashboard" role="search" aria-label="Filter intakes">
        <div className="field">
          <label htmlFor="filter-q">Search</label>
          <input id="filter-q" name="q" type="text" defaultValue={filters.search} placeholder="Client name or reference" />
        </div>
        <div className="field">
          <label htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">All</option>
            {Object.entries(INTAKE_STATUSES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-from">Appointments from</label>
          <input id="filter-from" name="from" type="date" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor="filter-to">Appointments to</label>
          <input id="filter-to" name="to" type="date" defaultValue={filters.to} />
        </div>
        <label className="choice filter-flagged">
          <input type="checkbox" name="flagged" value="1" defaultChecked={filters.flaggedOnly} />
          <span>Only intakes with a stop, refer or avoid precaution</span>
        </label>
        <div className="filter-actions">
          <button type="submit">Apply filters</button>
          <Link href="/dashboard?from=">Show all dates</Link>
        </div>
      </form>

      {empty ? (
        <div className="empty card">
          <h2>No intakes yet</h2>
          <p>
            Send your clients the link to the questionnaire before their appointment:{" "}
            <strong className="code-inline">{new URL("/intake", getEnv().BETTER_AUTH_URL).toString()}</strong>
          </p>
          <p>Each intake they submit appears here, soonest appointment first.</p>
        </div>
      ) : page.items.length === 0 ? (
        <p className="empty card" role="status">
          No intakes match these filters.{" "}
          {filters.from ? "Appointments before the From date are hidden: choose Show all dates to see them." : null}
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table className="intakes">
              <caption className="visually-hidden">Intakes, soonest appointment first</caption>
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  <th scope="col">Appointment</th>
                  <th scope="col">Submitted</th>
                  <th scope="col">Status</th>
                  <th scope="col">Precautions</th>
                  <th scope="col">Reference</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">
                      <Link href={`/dashboard/submissions/${item.id}`}>{item.fullName}</Link>
                    </th>
                    <td>{formatDate(item.appointmentDate)}</td>
                    <td>{formatDateTime(item.createdAt)}</td>
                    <td>
                      <span className={`status status-${item.status}`}>{INTAKE_STATUSES[item.status]}</span>
                    </td>
                    <td>
                      <Flags item={item} />
                    </td>
                    <td className="mono">{item.reference}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Pages">
            {page.previous ? <Link href={pageHref(filters, page.previous)}>← Previous</Link> : <span />}
            {page.next ? <Link href={pageHref(filters, page.next)}>Next →</Link> : null}
          </nav>
        </>
      )}
    </div>
  );
}

/** The most serious precautions of an intake, in words (and a symbol), never colour alone. */
function Flags({ item }: { item: { stopCount: number; referCount: number; avoidCount: number } }) {
  const parts = [
    item.stopCount > 0 && { key: "stop", text: `${item.stopCount} do not massage` },
    item.referCount > 0 && { key: "refer", text: `${item.referCount} refer` },
    item.avoidCount > 0 && { key: "avoid", text: `${item.avoidCount} avoid` },
  ].filter((p): p is { key: string; text: string } => Boolean(p));
  if (parts.length === 0) return <span className="muted">None serious</span>;
  return (
    <ul className="flags">
      {parts.map((p) => (
        <li key={p.key} className={`flag flag-${p.key}`}>
          {p.text}
        </li>
      ))}
    </ul>
  );
}

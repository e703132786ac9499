import Link from "next/link";

export type FilterValues = { search?: string; status?: string; from?: string; to?: string; flaggedOnly?: boolean };

/** The dashboard's filters: a plain GET form, so the address says what is shown (and works without JavaScript). */
export function IntakeFilterForm({ values, statuses }: { values: FilterValues; statuses: Readonly<Record<string, string>> }) {
  return (
    <form className="filters" method="get" action="/dashboard" role="search" aria-label="Filter intakes">
      <div className="field">
        <label htmlFor="filter-q">Search</label>
        <input id="filter-q" name="q" type="text" defaultValue={values.search} placeholder="Client name or reference" />
      </div>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" name="status" defaultValue={values.status ?? ""}>
          <option value="">All</option>
          {Object.entries(statuses).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-from">Appointments from</label>
        <input id="filter-from" name="from" type="date" defaultValue={values.from} />
      </div>
      <div className="field">
        <label htmlFor="filter-to">Appointments to</label>
        <input id="filter-to" name="to" type="date" defaultValue={values.to} />
      </div>
      <label className="choice filter-flagged">
        <input type="checkbox" name="flagged" value="1" defaultChecked={values.flaggedOnly} />
        <span>Only intakes with a stop, refer or avoid precaution</span>
      </label>
      <div className="filter-actions">
        <button type="submit">Apply filters</button>
        <Link href="/dashboard?from=">Show all dates</Link>
      </div>
    </form>
  );
}

import Link from "next/link";
import type { DistrictSummary } from "@/lib/reports/queries";
import { FIGURES, FIGURE_KEYS, type Figure } from "@/lib/reports/figures";
import { notFinalText } from "@/lib/reports/periods";
import { HIDDEN_NOTE, fmtCount, fmtRate, query } from "./format";
import { RowTh, Table, TableFrame, Td, Th } from "@/components/ui/table";
import { SCHOOLS_AT_ONCE, type SchoolSort, type SchoolsView, type shownSchools } from "@/lib/reports/schools-page";

type School = DistrictSummary["schools"][number];
type Props = {
  summary: DistrictSummary;
  sort: SchoolSort;
  dir: "asc" | "desc";
  exportHref: string;
  /** The schools shown (schools-page.ts shownSchools of `ordered`) and the view asked for. */
  shown: ReturnType<typeof shownSchools<School>>;
  view: SchoolsView;
  /** Parameters the table's links keep (the equity figure below it). */
  keep?: Record<string, string>;
};

function Cell({ f, href, label }: { f: Figure; href: string; label: string }) {
  return (
    <Td numeric>
      {f.rate == null ? (
        fmtRate(null, f.coded)
      ) : (
        <Link href={href} className="text-blue-900 underline" aria-label={`${label}: ${fmtRate(f.rate)} — list the students`}>
          {fmtRate(f.rate)}
        </Link>
      )}
      <span className="block text-xs text-slate-600">{f.note ?? `n = ${fmtCount(f.denominator)}`}</span>
    </Td>
  );
}

/**
 * The schools side by side with the district total, sortable by any column (URL state); a large
 * district's a page at a time, with a search by name (schools-page.ts).
 */
export function SchoolsTable({ summary, sort, dir, exportHref, shown, view, keep = {} }: Props) {
  const show = view.show === "all" ? "all" : String(view.show);
  const at = (params: Record<string, string | number | undefined>) => query("/reports/district", { year: summary.year, ...keep, sort, dir, q: view.q, show, ...params });
  const controls = view.asked || shown.total > shown.rows.length;
  const head = (key: SchoolSort, label: string) => {
    const open = key !== "name" && !summary.district[key].final ? notFinalText(summary.district[key].closesOn) : null;
    const active = sort === key;
    const next = active && dir === "desc" ? "asc" : active ? "desc" : key === "name" ? "asc" : "desc";
    return (
      <Th key={key} numeric={key !== "name"} aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
        <Link href={at({ sort: key, dir: next })} className="text-blue-900 underline">
          {label}
          {active ? (dir === "asc" ? " ▲" : " ▼") : ""}
        </Link>
        {open && <span className="block text-xs font-semibold text-amber-800">{open}</span>}
      </Th>
    );
  };
  return (
    <section aria-labelledby="schools-heading" className="mt-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="schools-heading" className="text-xl font-semibold">
          Schools side by side
        </h2>
        <a href={exportHref} className="text-sm text-blue-800 underline" download>
          Download CSV
        </a>
      </div>
      {controls && (
        <div className="mt-3 flex flex-wrap items-end justify-between gap-3">
          <form role="search" aria-label="Find a school" action="/reports/district" method="get" className="flex flex-wrap items-end gap-2">
            {Object.entries({ year: String(summary.year), ...keep, sort, dir, show }).map(([k, v]) => (
              <input key={k} type="hidden" name={k} value={v} />
            ))}
            <label className="text-sm">
              <span className="block font-medium">Find a school</span>
              <input type="search" name="q" defaultValue={view.q} maxLength={100} className="mt-1 w-56 max-w-full rounded border border-slate-400 px-2 py-1" />
            </label>
            <button type="submit" className="rounded border border-slate-500 bg-white px-3 py-1 text-sm font-medium">
              Find
            </button>
            {view.q && (
              <Link href={at({ q: undefined })} className="text-sm text-blue-800 underline">
                Clear
              </Link>
            )}
          </form>
          <nav aria-label="Schools pages" className="text-sm">
            <p role="status">
              {shown.matching === 0
                ? `No school's name holds “${view.q}” (of ${shown.total})`
                : `Schools ${shown.from}–${shown.to} of ${shown.matching}${view.q ? ` whose name holds “${view.q}” (of ${shown.total})` : ""}`}
            </p>
            <p className="mt-1 flex flex-wrap gap-x-3">
              {shown.page > 1 && (
                <Link href={at({ page: shown.page - 1 })} className="text-blue-800 underline">
                  Previous {view.show}
                </Link>
              )}
              {shown.page < shown.pages && (
                <Link href={at({ page: shown.page + 1 })} className="text-blue-800 underline">
                  Next {view.show}
                </Link>
              )}
              {view.show !== "all" && shown.matching > shown.rows.length && (
                <Link href={at({ show: "all" })} className="text-blue-800 underline">
                  Show all {shown.matching}
                </Link>
              )}
              {view.show === "all" && shown.matching > SCHOOLS_AT_ONCE && (
                <Link href={at({ show: String(SCHOOLS_AT_ONCE) })} className="text-blue-800 underline">
                  Show {SCHOOLS_AT_ONCE} at a time
                </Link>
              )}
            </p>
          </nav>
        </div>
      )}
      <TableFrame className="mt-3">
        <Table caption="Every school's figures for the year with the district total; select a column heading to sort">
          <thead>
            <tr>
              {head("name", "School")}
              {FIGURE_KEYS.map((k) => head(k, FIGURES[k].short))}
            </tr>
          </thead>
          <tbody>
            {shown.rows.map((s) => (
              <tr key={s.id}>
                <RowTh>
                  <Link href={query("/reports", { year: summary.year, school: s.id })} className="text-blue-900 underline">
                    {s.name}
                  </Link>
                </RowTh>
                {FIGURE_KEYS.map((k) => (
                  <Cell key={k} f={s.figures[k]} label={`${s.name}, ${FIGURES[k].label}`} href={query("/reports/drill", { figure: k, year: summary.year, school: s.id })} />
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot className="border-t-2 border-slate-300 font-semibold">
            <tr>
              <RowTh className="py-2">District</RowTh>
              {FIGURE_KEYS.map((k) => (
                <Cell key={k} f={summary.district[k]} label={`District, ${FIGURES[k].label}`} href={query("/reports/drill", { figure: k, year: summary.year })} />
              ))}
            </tr>
          </tfoot>
        </Table>
      </TableFrame>
      <p className="mt-2 text-xs text-slate-700">{HIDDEN_NOTE} A school’s figure can be hidden so that a small school’s cannot be worked out from the district total.</p>
    </section>
  );
}

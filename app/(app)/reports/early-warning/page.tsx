import type { Metadata } from "next";
import { RowTh, Table, Td, Th } from "@/components/ui/table";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FilterSelect, byName } from "@/components/ui/filter-select";
import { getViewer } from "@/lib/auth";
import { getEarlyWarning } from "@/lib/reports/early-warning";
import { reportSchools } from "@/lib/reports/queries";
import { paramsObject } from "@/lib/reports/schema";
import { RISK_LEVEL_RULE } from "@/lib/students/rules";
import { CASELOAD_COUNTS } from "@/lib/users/caseload";
import { query } from "@/components/reports/format";
import { orNotFound } from "../guard";
import { riskText } from "@/lib/labels";

export const metadata: Metadata = { title: "Early-warning counts and caseloads" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function EarlyWarningPage({ searchParams }: { searchParams: Search }) {
  const viewer = await getViewer();
  const raw = paramsObject(await searchParams);
  const schools = await orNotFound(viewer, "/reports/early-warning", () => reportSchools(viewer));
  const w = await orNotFound(viewer, "/reports/early-warning", () => getEarlyWarning(viewer, { school: raw.school?.slice(0, 64) || schools[0]?.id }));
  const total = w.risk.HIGH + w.risk.MODERATE + w.risk.LOW;
  return (
    <>
      <p className="text-sm">
        <Link href={query("/reports", { school: w.school.id })} className="text-blue-800 underline">
          Back to the summary
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{w.school.name}: early-warning counts and caseloads</h1>
      {schools.length > 1 && (
        <form action="/reports/early-warning" method="get" className="mt-3 flex items-end gap-3">
          <FilterSelect id="ew-school" label="School" name="school" defaultValue={w.school.id} options={byName(schools)} />
          <Button type="submit" size="sm">
            Show
          </Button>
        </form>
      )}
      <section aria-labelledby="risk-heading" className="mt-6">
        <h2 id="risk-heading" className="text-xl font-semibold">
          Currently enrolled students by risk ({total.toLocaleString("en-US")})
        </h2>
        <ul className="mt-3 grid gap-3 sm:grid-cols-3">
          {(["HIGH", "MODERATE", "LOW"] as const).map((l) => (
            <li key={l} className="rounded border border-slate-200 bg-white p-3">
              <h3 className="text-sm font-medium text-slate-700">{riskText(l)}</h3>
              <p className="text-3xl font-bold tabular-nums">{w.risk[l].toLocaleString("en-US")}</p>
            </li>
          ))}
        </ul>
        <p className="mt-2 text-sm text-slate-700">{RISK_LEVEL_RULE} Same rule as the counselors’ caseload.</p>
      </section>
      <section aria-labelledby="caseload-heading" className="mt-8">
        <h2 id="caseload-heading" className="text-xl font-semibold">
          Caseload sizes
        </h2>
        <p className="mt-1 text-sm text-slate-700">{CASELOAD_COUNTS} The Staff page shows the same figure.</p>
        <div className="mt-3 overflow-x-auto rounded border border-slate-200 bg-white">
          <Table caption="Currently enrolled students per counselor">
            <thead>
              <tr>
                <Th>Counselor</Th>
                <Th numeric>Students</Th>
              </tr>
            </thead>
            <tbody>
              {w.caseloads.map((c) => (
                <tr key={c.counselorId ?? "none"}>
                  <RowTh>{c.name}</RowTh>
                  <Td numeric>{c.students.toLocaleString("en-US")}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </section>
    </>
  );
}

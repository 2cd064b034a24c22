import { auditLineLabel, CREDIT_FIGURES, creditNumber, creditsText, type GraduationAudit } from "@/lib/students/credits";

/**
 * The graduation audit: per requirement and for electives / any subject, credits required, earned,
 * in progress, still needed and still needed after courses in progress. The rows add up to the
 * total in every column (lib/students/credits.ts graduationAudit).
 */
export function AuditTable({ audit }: { audit: GraduationAudit }) {
  const num = "px-3 py-1.5 text-right tabular-nums";
  const figures = (l: GraduationAudit["total"]) => [
    ["Required", l.required], [CREDIT_FIGURES.earned, l.earned], [CREDIT_FIGURES.inProgress, l.inProgress],
    [CREDIT_FIGURES.stillNeeded, l.stillNeeded], [CREDIT_FIGURES.stillNeededAfterInProgress, l.stillNeededAfterInProgress],
  ] as const;
  return (
    <>
      <table className="hidden min-w-full text-sm md:table">
        <caption className="mb-1 text-left font-semibold">Graduation requirements (credits)</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-2">Subject area</th>
            <th scope="col" className="px-3 py-2 text-right">Required</th>
            <th scope="col" className="px-3 py-2 text-right">{CREDIT_FIGURES.earned}</th>
            <th scope="col" className="px-3 py-2 text-right">{CREDIT_FIGURES.inProgress}</th>
            <th scope="col" className="px-3 py-2 text-right">{CREDIT_FIGURES.stillNeeded}</th>
            <th scope="col" className="px-3 py-2 text-right">{CREDIT_FIGURES.stillNeededAfterInProgress}</th>
          </tr>
        </thead>
        <tbody>
          {audit.lines.map((l) => (
            <tr key={l.area} className="border-t border-slate-200">
              <th scope="row" className="px-3 py-1.5 text-left font-medium">{auditLineLabel(l.area)}</th>
              <td className={num}>{creditNumber(l.required)}</td>
              <td className={num}>{creditNumber(l.earned)}</td>
              <td className={num}>{creditNumber(l.inProgress)}</td>
              <td className={`${num} ${l.stillNeeded > 0 ? "font-semibold text-red-800" : ""}`}>{creditNumber(l.stillNeeded)}</td>
              <td className={num}>{creditNumber(l.stillNeededAfterInProgress)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t-2 border-slate-300 font-semibold">
          <tr>
            <th scope="row" className="px-3 py-1.5 text-left">Diploma total</th>
            <td className={num}>{creditNumber(audit.total.required)}</td>
            <td className={num} data-testid="credits-earned">{creditNumber(audit.total.earned)}</td>
            <td className={num}>{creditNumber(audit.total.inProgress)}</td>
            <td className={num} data-testid="credits-still-needed">{creditNumber(audit.total.stillNeeded)}</td>
            <td className={num}>{creditNumber(audit.total.stillNeededAfterInProgress)}</td>
          </tr>
        </tfoot>
      </table>
      {/* On a phone (below md), one card per area with the table's figures and words (issue 16),
          after the table, so a search of the page meets the table's text first. */}
      <ul className="space-y-2 text-sm md:hidden" aria-label="Graduation requirements (credits)">
        {[...audit.lines.map((l) => ({ key: l.area, label: auditLineLabel(l.area), l })), { key: "total", label: "Diploma total", l: audit.total }].map(({ key, label, l }) => (
          <li key={key} className="rounded border border-slate-200 p-2">
            <p className="font-medium">{label}</p>
            <dl className="grid grid-cols-2 gap-x-3">
              {figures(l).map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-xs text-slate-600">{k}</dt>
                  <dd className={`text-right tabular-nums ${k === CREDIT_FIGURES.stillNeeded && v > 0 && key !== "total" ? "font-semibold text-red-800" : ""}`}>{creditNumber(v)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-xs text-slate-600">
        An area&apos;s credits count toward its requirement; credits beyond it, and electives, count toward
        &ldquo;Electives / any subject&rdquo;. Courses in progress fill their area first.
        {audit.areasExceedDiploma &&
          ` The subject areas require ${creditsText(audit.total.required)}, more than the ${creditsText(audit.diplomaCredits)} of the diploma: all of them are needed.`}
      </p>
    </>
  );
}

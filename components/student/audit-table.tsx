import { auditLineLabel, CREDIT_FIGURES, creditNumber, creditsText, type GraduationAudit } from "@/lib/students/credits";
import { CAPTION_SHOWN, RowTh, Table, Td, Th } from "@/components/ui/table";
import { ByWidth } from "@/components/ui/by-width";

/**
 * The graduation audit: per requirement and for electives / any subject, credits required, earned,
 * in progress, still needed and still needed after courses in progress. The rows add up to the
 * total in every column (lib/students/credits.ts graduationAudit).
 */
export function AuditTable({ audit }: { audit: GraduationAudit }) {
  const figures = (l: GraduationAudit["total"]) =>
    [
      ["Required", l.required],
      [CREDIT_FIGURES.earned, l.earned],
      [CREDIT_FIGURES.inProgress, l.inProgress],
      [CREDIT_FIGURES.stillNeeded, l.stillNeeded],
      [CREDIT_FIGURES.stillNeededAfterInProgress, l.stillNeededAfterInProgress],
    ] as const;
  return (
    <>
      <ByWidth
        wide={
          <Table captionClassName={CAPTION_SHOWN} caption="Graduation requirements (credits)">
            <thead>
              <tr>
                <Th>Subject area</Th>
                <Th numeric>Required</Th>
                <Th numeric>{CREDIT_FIGURES.earned}</Th>
                <Th numeric>{CREDIT_FIGURES.inProgress}</Th>
                <Th numeric>{CREDIT_FIGURES.stillNeeded}</Th>
                <Th numeric>{CREDIT_FIGURES.stillNeededAfterInProgress}</Th>
              </tr>
            </thead>
            <tbody>
              {audit.lines.map((l) => (
                <tr key={l.area}>
                  <RowTh className="font-medium">{auditLineLabel(l.area)}</RowTh>
                  <Td numeric>{creditNumber(l.required)}</Td>
                  <Td numeric>{creditNumber(l.earned)}</Td>
                  <Td numeric>{creditNumber(l.inProgress)}</Td>
                  <Td numeric className={l.stillNeeded > 0 ? "font-semibold text-red-800" : undefined}>
                    {creditNumber(l.stillNeeded)}
                  </Td>
                  <Td numeric>{creditNumber(l.stillNeededAfterInProgress)}</Td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t-2 border-slate-300 font-semibold">
              <tr>
                <RowTh>Diploma total</RowTh>
                <Td numeric>{creditNumber(audit.total.required)}</Td>
                <Td numeric data-testid="credits-earned">
                  {creditNumber(audit.total.earned)}
                </Td>
                <Td numeric>{creditNumber(audit.total.inProgress)}</Td>
                <Td numeric data-testid="credits-still-needed">
                  {creditNumber(audit.total.stillNeeded)}
                </Td>
                <Td numeric>{creditNumber(audit.total.stillNeededAfterInProgress)}</Td>
              </tr>
            </tfoot>
          </Table>
        }
        narrow={
          // On a phone (below md), one card per area with the table's figures and words (issue 16).
          <ul className="space-y-2 text-sm" aria-label="Graduation requirements (credits)">
            {[...audit.lines.map((l) => ({ key: l.area, label: auditLineLabel(l.area), l })), { key: "total", label: "Diploma total", l: audit.total }].map(({ key, label, l }) => (
              <li key={key} className="rounded border border-slate-200 p-2">
                <p className="font-medium">{label}</p>
                <dl className="grid grid-cols-2 gap-x-3">
                  {figures(l).map(([k, v]) => (
                    <div key={k} className="contents">
                      <dt className="text-xs text-slate-600">{k}</dt>
                      <dd className={`text-right tabular-nums ${k === CREDIT_FIGURES.stillNeeded && v > 0 && key !== "total" ? "font-semibold text-red-800" : ""}`}>
                        {creditNumber(v)}
                      </dd>
                    </div>
                  ))}
                </dl>
              </li>
            ))}
          </ul>
        }
      />
      <p className="mt-1 text-xs text-slate-600">
        An area&apos;s credits count toward its requirement; credits beyond it, and electives, count toward &ldquo;Electives / any subject&rdquo;. Courses in progress fill their
        area first.
        {audit.areasExceedDiploma &&
          ` The subject areas require ${creditsText(audit.total.required)}, more than the ${creditsText(audit.diplomaCredits)} of the diploma: all of them are needed.`}
      </p>
    </>
  );
}

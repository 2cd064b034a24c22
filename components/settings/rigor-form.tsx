"use client";
import { useId } from "react";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button";
import { CONTROL } from "@/components/ui/field";
import { Table, TableFrame, Th, RowTh, Td } from "@/components/ui/table";
import { saveRigorPoliciesAction } from "@/lib/settings/actions";
import { rigorField, RIGOR_MAX, PRIORITY_NOTE_MAX, type RigorField } from "@/lib/settings/schema";
import type { RigorPolicy } from "@/lib/enrollments/guardrails";
import type { ProgramType } from "@/lib/generated/prisma/enums";

type Row = RigorPolicy & { programType: ProgramType; label: string };

/** Each field's name in its column header and, after the program type, in its input's label. */
const LABEL: Record<RigorField, string> = {
  minDaysEnrolled: "minimum days enrolled",
  minActiveMinutesPerCredit: "minimum active minutes per credit",
  requireProctoredSummative: "proctored summative required",
  maxAttemptsPerAssessment: "most attempts per assessment",
  maxConcurrentPerStudent: "most active courses per student",
  priorityGrades: "priority grades",
  priorityNote: "priority note",
  mode: "when a guardrail is broken",
};
const MODE_OPTIONS = [
  { value: "REFUSE", label: "Refuse credit" },
  { value: "WARN", label: "Warn: an administrator may override with a reason" },
];
const header = (field: RigorField) => LABEL[field].charAt(0).toUpperCase() + LABEL[field].slice(1);
const blankOr = (n: number | null) => (n === null ? "" : String(n));

/**
 * One control in a table cell: its label (the program type and the column) for screen readers
 * only, since the row and column headers show it, and its error under it, tied by aria-describedby.
 */
function Cell({
  label,
  error,
  children,
}: {
  label: string;
  error?: string[];
  children: (control: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => React.ReactNode;
}) {
  const id = useId();
  const message = error?.[0];
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      {children({ id, "aria-invalid": message ? true : undefined, "aria-describedby": message ? `${id}-error` : undefined })}
      {message && (
        <p id={`${id}-error`} className="mt-1 text-sm font-normal text-red-700">
          {message}
        </p>
      )}
    </>
  );
}

/** The district's rigor guardrails: one row per program type, saved with one button. */
export function RigorForm({ rows }: { rows: Row[] }) {
  const f = useActionForm(saveRigorPoliciesAction);
  const fields = (row: Row, field: RigorField) => ({
    name: rigorField(row.programType, field),
    label: `${row.label}: ${LABEL[field]}`,
    error: f.errorFor(rigorField(row.programType, field)),
  });
  const numberCell = (row: Row, field: keyof typeof RIGOR_MAX, value: number | null) => {
    const x = fields(row, field);
    return (
      <Td>
        <Cell label={x.label} error={x.error}>
          {(control) => <input {...control} name={x.name} inputMode="numeric" placeholder="No limit" defaultValue={blankOr(value)} className={`${CONTROL} mt-0 min-w-24`} />}
        </Cell>
      </Td>
    );
  };
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label="Rigor guardrails" noValidate>
      <FormMessage state={f.state} />
      {/* relative: the inputs' screen-reader labels (sr-only, absolutely positioned) stay inside this box, not widening the page at 390 px. */}
      <TableFrame className="relative" label="Rigor guardrails by program type (scrolls sideways on a narrow screen)">
        <Table caption="Rigor guardrails by program type" density="compact">
          <thead>
            <tr>
              <Th>Program type</Th>
              <Th>{header("minDaysEnrolled")}</Th>
              <Th>{header("minActiveMinutesPerCredit")}</Th>
              <Th>{header("requireProctoredSummative")}</Th>
              <Th>{header("maxAttemptsPerAssessment")}</Th>
              <Th>{header("maxConcurrentPerStudent")}</Th>
              <Th>{header("priorityGrades")}</Th>
              <Th>{header("priorityNote")}</Th>
              <Th>{header("mode")}</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const proctored = fields(row, "requireProctoredSummative");
              const grades = fields(row, "priorityGrades");
              const note = fields(row, "priorityNote");
              const mode = fields(row, "mode");
              return (
                <tr key={row.programType} className="align-top">
                  <RowTh className="whitespace-nowrap pt-3 font-medium">{row.label}</RowTh>
                  {numberCell(row, "minDaysEnrolled", row.minDaysEnrolled)}
                  {numberCell(row, "minActiveMinutesPerCredit", row.minActiveMinutesPerCredit)}
                  <Td className="pt-3 text-center">
                    <Cell label={proctored.label} error={proctored.error}>
                      {(control) => <input {...control} type="checkbox" name={proctored.name} defaultChecked={row.requireProctoredSummative} className="h-5 w-5" />}
                    </Cell>
                  </Td>
                  {numberCell(row, "maxAttemptsPerAssessment", row.maxAttemptsPerAssessment)}
                  {numberCell(row, "maxConcurrentPerStudent", row.maxConcurrentPerStudent)}
                  <Td>
                    <Cell label={grades.label} error={grades.error}>
                      {(control) => (
                        <input {...control} name={grades.name} placeholder="e.g. 11, 12" defaultValue={row.priorityGrades.join(", ")} className={`${CONTROL} mt-0 min-w-28`} />
                      )}
                    </Cell>
                  </Td>
                  <Td>
                    <Cell label={note.label} error={note.error}>
                      {(control) => (
                        <input {...control} name={note.name} maxLength={PRIORITY_NOTE_MAX} defaultValue={row.priorityNote ?? ""} className={`${CONTROL} mt-0 min-w-64`} />
                      )}
                    </Cell>
                  </Td>
                  <Td>
                    <Cell label={mode.label} error={mode.error}>
                      {(control) => (
                        <select {...control} name={mode.name} defaultValue={row.mode} className={`${CONTROL} mt-0 min-w-56 bg-white`}>
                          {MODE_OPTIONS.map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                        </select>
                      )}
                    </Cell>
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      </TableFrame>
      <button type="submit" disabled={f.pending} className={buttonClass("primary", "md", "mt-3")}>
        {f.pending ? "Saving…" : "Save rigor guardrails"}
      </button>
    </form>
  );
}

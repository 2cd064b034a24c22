"use client";
import { useState } from "react";
import { RowTh, Table, Td, Th } from "@/components/ui/table";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { useOutlivingAction } from "@/components/ui/focus-message";
import { SelectField } from "@/components/ui/select-field";
import { reassignAction } from "@/lib/users/actions";
import type { CaseloadStudent } from "@/lib/users/queries";

type Counselor = { id: string; name: string; school: string | null };
const STATUS: Record<string, string> = { ENROLLED: "Enrolled", GRADUATED: "Graduated", DROPPED_OUT: "Dropped out", TRANSFERRED_OUT: "Transferred out" };

/** Moves all or the ticked students of one caseload to another counselor, after a confirmation. */
export function ReassignForm({ from, students, counselors, listed }: { from: { id: string; name: string }; students: CaseloadStudent[]; counselors: Counselor[]; listed: string }) {
  const [scope, setScope] = useState<"all" | "selected">("all");
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  // After a move the moved students leave the list but not `ticked`: count only those still listed.
  const tickedNow = students.filter((s) => ticked.has(s.id)).length;
  const allTicked = tickedNow === students.length && students.length > 0;
  // Moving everyone empties this list and the page drops the form: the page's slot says what happened.
  const { action, local } = useOutlivingAction(reassignAction);
  const toggle = (id: string) =>
    setTicked((t) => {
      const n = new Set(t);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <ConfirmForm
      action={action}
      local={local}
      label={`Reassign students of ${from.name}`}
      button="Move students"
      question={scope === "all" ? `Move all ${students.length} students of ${from.name}?` : `Move the ${tickedNow} ticked student${tickedNow === 1 ? "" : "s"} of ${from.name}?`}
      confirm="Yes, move them"
      fields={{ fromId: from.id, expected: String(students.length), listed }}
    >
      {(errorFor) => (
        <div className="mb-4">
          <SelectField
            label="Counselor who takes the students"
            name="toId"
            placeholder="Choose a counselor…"
            options={counselors.map((c) => ({ value: c.id, label: `${c.name} (${c.school ?? "no school"})` }))}
            hint="Only an active counselor of the students' own school can take them."
            error={errorFor("toId")}
            className="max-w-md"
          />
          <fieldset className="mb-3">
            <legend className="field-label">Which students</legend>
            <label className="mr-4 inline-flex items-center gap-2">
              <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} /> All {students.length.toLocaleString("en-US")} on the
              caseload
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name="scope" value="selected" checked={scope === "selected"} onChange={() => setScope("selected")} /> Only the students ticked below
            </label>
            {(errorFor("students") ?? errorFor("expected")) && <p className="mt-1 text-sm text-red-700">{(errorFor("students") ?? errorFor("expected"))![0]}</p>}
          </fieldset>
          <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
            <Table caption={<>Students on the caseload of {from.name}</>}>
              <thead>
                <tr>
                  <Th>
                    <label className="inline-flex items-center gap-2">
                      <input
                        type="checkbox"
                        checked={allTicked}
                        disabled={scope === "all"}
                        onChange={() => setTicked(allTicked ? new Set() : new Set(students.map((s) => s.id)))}
                      />
                      <span className="sr-only">Tick every student</span>
                    </label>
                  </Th>
                  <Th>Student</Th>
                  <Th>SIS id</Th>
                  <Th>School</Th>
                  <Th numeric>Grade</Th>
                  <Th>Status</Th>
                </tr>
              </thead>
              <tbody>
                {students.map((s) => (
                  <tr key={s.id}>
                    <Td>
                      <input
                        type="checkbox"
                        id={`move-${s.id}`}
                        name="students"
                        value={`${s.id}:${s.version}`}
                        checked={scope === "all" || ticked.has(s.id)}
                        disabled={scope === "all"}
                        onChange={() => toggle(s.id)}
                        aria-label={`Move ${s.name}`}
                      />
                    </Td>
                    <RowTh>
                      <label htmlFor={`move-${s.id}`}>{s.name}</label>
                    </RowTh>
                    <Td>{s.sisId}</Td>
                    <Td>{s.school}</Td>
                    <Td numeric>{s.gradeLevel}</Td>
                    <Td>{STATUS[s.status] ?? s.status}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        </div>
      )}
    </ConfirmForm>
  );
}

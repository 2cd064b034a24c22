"use client";
import { useState } from "react";
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
  const toggle = (id: string) => setTicked((t) => {
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
              <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} /> All {students.length.toLocaleString("en-US")} on the caseload
            </label>
            <label className="inline-flex items-center gap-2">
              <input type="radio" name="scope" value="selected" checked={scope === "selected"} onChange={() => setScope("selected")} /> Only the students ticked below
            </label>
            {(errorFor("students") ?? errorFor("expected")) && <p className="mt-1 text-sm text-red-700">{(errorFor("students") ?? errorFor("expected"))![0]}</p>}
          </fieldset>
          <div className="relative overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Students on the caseload of {from.name}</caption>
              <thead className="bg-slate-100 text-left">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    <label className="inline-flex items-center gap-2">
                      <input type="checkbox" checked={allTicked} disabled={scope === "all"} onChange={() => setTicked(allTicked ? new Set() : new Set(students.map((s) => s.id)))} />
                      <span className="sr-only">Tick every student</span>
                    </label>
                  </th>
                  <th scope="col" className="px-3 py-2">Student</th>
                  <th scope="col" className="px-3 py-2">SIS id</th>
                  <th scope="col" className="px-3 py-2">School</th>
                  <th scope="col" className="px-3 py-2 text-right">Grade</th>
                  <th scope="col" className="px-3 py-2">Status</th>
                </tr>
              </thead>
              <tbody>
                {students.map((s) => (
                  <tr key={s.id} className="border-t border-slate-200">
                    <td className="px-3 py-1.5">
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
                    </td>
                    <th scope="row" className="px-3 py-1.5 text-left font-normal">
                      <label htmlFor={`move-${s.id}`}>{s.name}</label>
                    </th>
                    <td className="px-3 py-1.5">{s.sisId}</td>
                    <td className="px-3 py-1.5">{s.school}</td>
                    <td className="px-3 py-1.5 text-right">{s.gradeLevel}</td>
                    <td className="px-3 py-1.5">{STATUS[s.status] ?? s.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </ConfirmForm>
  );
}

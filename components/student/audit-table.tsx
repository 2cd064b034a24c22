import type { GraduationAudit } from "@/lib/students/graduation";
import { SUBJECT_LABELS } from "@/lib/students/graduation";
import { credits } from "./labels";

/** The graduation audit: per requirement, required / earned / in progress / missing credits. */
export function AuditTable({ audit }: { audit: GraduationAudit }) {
  return (
    <table className="min-w-full text-sm">
      <caption className="mb-1 text-left font-semibold">Graduation requirements (credits)</caption>
      <thead className="bg-slate-100 text-left">
        <tr>
          <th scope="col" className="px-3 py-2">Subject area</th>
          <th scope="col" className="px-3 py-2 text-right">Required</th>
          <th scope="col" className="px-3 py-2 text-right">Earned</th>
          <th scope="col" className="px-3 py-2 text-right">In progress</th>
          <th scope="col" className="px-3 py-2 text-right">Missing</th>
        </tr>
      </thead>
      <tbody>
        {audit.lines.map((l) => (
          <tr key={l.subjectArea} className="border-t border-slate-200">
            <th scope="row" className="px-3 py-1.5 text-left font-medium">{SUBJECT_LABELS[l.subjectArea]}</th>
            <td className="px-3 py-1.5 text-right tabular-nums">{credits(l.required)}</td>
            <td className="px-3 py-1.5 text-right tabular-nums">{credits(l.earned)}</td>
            <td className="px-3 py-1.5 text-right tabular-nums">{credits(l.inProgress)}</td>
            <td className={`px-3 py-1.5 text-right tabular-nums ${l.missing > 0 ? "font-semibold text-red-800" : ""}`}>{credits(l.missing)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot className="border-t-2 border-slate-300 font-semibold">
        <tr>
          <th scope="row" className="px-3 py-1.5 text-left">Diploma total</th>
          <td className="px-3 py-1.5 text-right tabular-nums">{credits(audit.total.required)}</td>
          <td className="px-3 py-1.5 text-right tabular-nums" data-testid="credits-earned">{credits(audit.total.earned)}</td>
          <td className="px-3 py-1.5 text-right tabular-nums">{credits(audit.total.inProgress)}</td>
          <td className="px-3 py-1.5 text-right tabular-nums">{credits(audit.total.missing)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

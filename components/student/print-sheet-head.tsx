import Link from "next/link";
import { PrintButton } from "./print-button";

/**
 * The top of a printable sheet about one student (the graduation plan, an intervention plan): a
 * way back and the print button (not printed), the title, and one line of who the student is and
 * when the sheet was prepared, so every sheet a family takes home names the student the same way.
 */
export function PrintSheetHead({ studentId, title, facts }: { studentId: string; title: string; facts: string[] }) {
  return (
    <>
      <div className="no-print mb-4 flex flex-wrap items-center gap-4">
        <Link href={`/students/${studentId}`} className="text-blue-800 underline">
          Back to the student record
        </Link>
        <PrintButton />
      </div>
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="text-sm text-slate-700">{facts.join(" · ")}</p>
    </>
  );
}

import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { isAdmin } from "@/lib/access";
import { refusePage } from "@/lib/audit/refuse";

export const metadata: Metadata = { title: "How the figures are defined" };

// A readable summary of lib/reports/DEFINITIONS.md (the full text, with the rules' sources, is there and
// in the comments of lib/reports/*.ts).
const DEFINITIONS: [string, string][] = [
  ["4-year graduation rate", "Regular-diploma graduates by August 31 of the cohort year ÷ (first-time 9th graders of the cohort + transfers in − documented transfers out − emigrated − deceased). Dropouts, equivalencies (GED/HiSET), certificates, students still enrolled and undocumented transfers stay in the denominator. 34 CFR 200.19(b)."],
  ["5-year graduation rate", "The same cohort and adjustments, with graduates by August 31 a year later."],
  ["Annual dropout rate", "Students in grades 9–12 who dropped out between July 1 and June 30, less those back in school, graduated or with an equivalency by the next October 1, ÷ October 1 enrollment in grades 9–12 (Massachusetts DESE)."],
  ["Credit-recovery completers who graduated", "Of the students who passed at least one credit-recovery course ending in the school year, the share with a regular diploma by August 31 after it (and, separately, by now)."],
  ["Online course completion rate", "Of the enrollments started in the school year that have ended, the share passed. Median days to complete and credits recovered count passed enrollments."],
  ["Suppression", "A figure about fewer than 6 students shows “—”. When one group of a set that adds up to a total (race/ethnicity, gender, schools of the district) is hidden, the next smallest is hidden too, so it cannot be worked out by subtraction (MA DESE practice)."],
  ["School of a student", "Graduation rates, completers and program results: the student’s current school. Dropout rate: the school where the dropout happened, over that school’s October 1 roll."],
];

export default async function DefinitionsPage() {
  const viewer = await getViewer();
  if (!isAdmin(viewer)) await refusePage(viewer, "/reports/definitions");
  return (
    <>
      <p className="text-sm"><Link href="/reports" className="text-blue-800 underline">Back to the summary</Link></p>
      <h1 className="mt-2 text-2xl font-bold">How the figures are defined</h1>
      <dl className="mt-4 space-y-4">
        {DEFINITIONS.map(([term, text]) => (
          <div key={term} className="rounded border border-slate-200 bg-white p-3">
            <dt className="font-semibold">{term}</dt>
            <dd className="mt-1 text-slate-800">{text}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

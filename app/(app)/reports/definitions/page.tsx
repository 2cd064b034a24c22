import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { requirePage } from "@/lib/audit/refuse";

export const metadata: Metadata = { title: "How the figures are defined" };

// A readable summary of lib/reports/DEFINITIONS.md (the full text, with the rules' sources, is there and
// in the comments of lib/reports/*.ts).
const DEFINITIONS: [string, string][] = [
  [
    "4-year graduation rate",
    "Regular-diploma graduates by August 31 of the cohort year ÷ (first-time 9th graders of the cohort + transfers in − documented transfers out − emigrated − deceased). Dropouts, equivalencies (GED/HiSET), certificates, students still enrolled and undocumented transfers stay in the denominator. 34 CFR 200.19(b).",
  ],
  ["5-year graduation rate", "The same cohort and adjustments, with graduates by August 31 a year later."],
  [
    "Annual dropout rate",
    "Students in grades 9–12 who dropped out between July 1 and June 30, less those back in school, graduated or with an equivalency by the next October 1, ÷ October 1 enrollment in grades 9–12 (Massachusetts DESE). A school with no October 1 roll is left out of a district rate, its dropouts too.",
  ],
  [
    "Not final",
    "A figure whose window has not closed reads “not final — closes <date>”: the 4- and 5-year rates close August 31 of the cohort year (a year later for the 5-year rate), the dropout rate October 1 after the year, completers and program results August 31 after the year.",
  ],
  [
    "English learners, students with disabilities, low income",
    "In the group if flagged on the October 1 roll in any school year of the figure’s window (a class’s high-school years, or the year itself), else by the student’s current flag.",
  ],
  [
    "Credit-recovery completers who graduated",
    "Of the students who passed at least one credit-recovery course ending from September 1 through the next August 31 (the school year and the following summer), the share with a regular diploma by that August 31 (and, separately, by now); broken down by grade at completion with what became of them.",
  ],
  [
    "Online course completion rate",
    "Of the enrollments started in the school year that have ended, the share passed. Median days to complete and credits recovered count passed enrollments.",
  ],
  [
    "Suppression",
    "A group of fewer than 6 students shows “—” for its rate, size and counts. Other groups are hidden too wherever a hidden one could be worked out by subtraction — from the total, from the other groups, from a group’s complement (all students − low income), or for district administrators from the district less the other schools — for sizes and for counts alike. A rate within one student of none or all reads as a bound, like “≤ 3.3%” (0 or 1 of 30). Program rows show their outcome counts only beside a shown rate. After NCES, Statistical Methods for Protecting Personally Identifiable Information in Aggregate Reporting (NCES 2011-603).",
  ],
  ["Gaps", "Percentage points between a group’s rate and all students’ (or the highest group’s), from the unrounded rates, rounded once."],
  [
    "Access to a program (equity page)",
    "Of the students on the October 1 roll in grades 9–12, those who started at least one advanced-placement (or original-credit, or credit-recovery) course that school year, per 100 students. Students, not enrollments. Final after June 30.",
  ],
  [
    "Representation index",
    "A group’s share of the students enrolled ÷ its share of the students: 1.00 = in proportion to its size, below 1 under-represented. Equal to the group’s rate ÷ all students’ rate.",
  ],
  [
    "Comparison group",
    "For English learners, students with disabilities and low income, the students without the flag: their gap is measured against them as well as against all students.",
  ],
  [
    "Is each gap closing?",
    "A group’s gap to all students over the last 5 school years: closing when its size shrank by 1 point or more from the first to the last year shown, widening when it grew as much.",
  ],
  [
    "Pass rate (program quality)",
    "Of the enrollments started in the school year that reached the end of the course (passed or failed), the share passed. The completion rate also counts withdrawals in its denominator.",
  ],
  [
    "Completed too fast",
    "A passed enrollment finished in fewer calendar days than the district’s minimum for its course or program type, or — when time on task was imported — with fewer active minutes than the minimum per credit × credits: the rigor guardrails’ own thresholds.",
  ],
  ["Proctored attempts and retakes", "Of every attempt recorded on a summative assessment, those marked proctored, those not stated, and those after the first attempt (retakes)."],
  [
    "Next course",
    "Of passed enrollments whose course has a next course in the district’s course sequence (Algebra I → Geometry), those whose transcript shows the next course from the year of completion on, and those with credit earned in it.",
  ],
  [
    "State test proficiency (program quality)",
    "Of passed enrollments whose student has a state test result in the course’s subject in the year of completion or the next, the share proficient (as the file says, else by the levels the district counts as proficient).",
  ],
  ["Cost per credit", "A provider’s contract cost for the school year ÷ the credits awarded by its enrollments started that year, in every school: a district figure."],
  ["Course completion groups", "A group’s size counts its distinct students; its rate is per enrollment: passed ÷ enrollments ended."],
  [
    "School of a student",
    "Graduation rates, completers and program results: the student’s current school. Dropout rate: the school where the dropout happened, over that school’s October 1 roll.",
  ],
];

export default async function DefinitionsPage() {
  const viewer = await getViewer();
  await requirePage(viewer, "reports.read", "/reports/definitions");
  return (
    <>
      <p className="text-sm">
        <Link href="/reports" className="text-blue-800 underline">
          Back to the summary
        </Link>
      </p>
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

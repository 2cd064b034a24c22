import type { ReportSchool } from "./queries";

/**
 * A report CSV's file name: what it holds, whose (a school's state code; none for the district)
 * and the year — "credittrack-program-04440505-2024.csv". A school's file used to be named like
 * the district's, so two downloads could not be told apart.
 */
export function csvFileName(parts: (string | number | null | undefined)[], school: ReportSchool | null | undefined): string {
  const safe = (v: string | number) => String(v).replace(/[^A-Za-z0-9._-]+/g, "-");
  const [year, ...what] = [parts.at(-1), ...parts.slice(0, -1)];
  return ["credittrack", ...what.filter((p) => p != null && p !== "").map((p) => safe(p!)), ...(school ? [safe(school.stateCode)] : []), safe(year ?? "latest")].join("-") + ".csv";
}

// Completers of a year by grade at completion, and what became of them (completers.ts
// completerGrade, completerFate): the headline mixes grade 10–11 completers, who cannot graduate
// that year, with seniors. One row per grade group, counts only; the grade groups partition the
// completers, so they are suppressed as a partition (suppression.ts): a row about fewer than 6
// students, and one more when a single row would be recoverable from the total, shows no counts.
import type { CompleterCube } from "./sql";
import { FATES, GRADE_LABEL, type CompleterFate } from "./completers";
import { suppressPartition, type Suppression } from "./suppression";

export type CompleterGradeRow = { group: string; grade: number; completers: number | null; suppression: Suppression } & Record<CompleterFate, number | null>;

export function completerGrades(rows: CompleterCube[]): CompleterGradeRow[] {
  const grades = [...new Set(rows.map((r) => r.grade))].sort((a, b) => a - b);
  const counts = grades.map((g) => {
    const at = rows.filter((r) => r.grade === g);
    const sum = (f: (r: CompleterCube) => number) => at.reduce((s, r) => s + f(r), 0);
    return {
      completers: sum((r) => r.completers),
      graduatedByYearEnd: sum((r) => r.byYearEnd),
      graduatedLater: sum((r) => r.byNow - r.byYearEnd),
      stillEnrolled: sum((r) => r.stillEnrolled),
      droppedOut: sum((r) => r.droppedOut),
      exited: sum((r) => r.exited),
    };
  });
  const sup = suppressPartition(counts.map((c) => c.completers), true);
  return grades.map((g, i) => {
    const hide = sup[i] !== "none";
    const fates = Object.fromEntries(FATES.map((f) => [f, hide ? null : counts[i][f]])) as Record<CompleterFate, number | null>;
    return { group: GRADE_LABEL[g] ?? `Grade ${g}`, grade: g, completers: sup[i] === "primary" ? null : counts[i].completers, suppression: sup[i], ...fates };
  });
}

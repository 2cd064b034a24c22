// Phase 1 of the seed: schools, staff, students with their years, status events and transcripts,
// written school by school (parents flushed before children: bulk.ts TableWriter).
import type { Rng } from "./prng";
import { isoDay } from "@/lib/calendar";
import { dateOf, type Day } from "./calendar";
import type { Writers } from "./tables";
import type { Scale } from "./scale";
import type { Learner } from "./enrollments";
import { generateStudent, type StudentRecord } from "./students";
import { caseloadQuotas, counselorCount, schoolStaff, type StaffUser } from "./staff";

export interface Ids {
  school: () => string;
  user: () => string;
  student: () => string;
  event: () => string;
  transcript: () => string;
}

export interface RosterOut {
  learners: Learner[];
  enrolledCounts: Map<string, number>;
}

export async function writeRoster(
  rng: Rng,
  scale: Scale,
  asOf: Day,
  sy: number,
  hash: string,
  W: Writers,
  ids: Ids,
  /** Schools written so far, of all (the seed's progress bar). */
  onProgress?: (done: number, total: number) => void,
): Promise<RosterOut> {
  const learners: Learner[] = [];
  const enrolledCounts = new Map<string, number>();
  // Deceased students: spread evenly over the past cohorts.
  const pastTotal = scale.schools.reduce((n, s) => n + s.pastCohort * 6, 0);
  const every = Math.floor(pastTotal / Math.max(1, scale.deceased));
  let index = 0;
  let pastIndex = 0;
  // StatusEvent.sequence, given explicitly (the seed writes into emptied tables; seed.ts moves the
  // column's sequence past the last value) so no multi-row INSERT … SELECT decides the order.
  let sequence = 0;

  await W.user.add(ids.user(), "Dana Whitfield", "district.admin@demo.credittrack.test", "DISTRICT_ADMIN", null, hash, true);
  for (let si = 0; si < scale.schools.length; si++) {
    onProgress?.(si, scale.schools.length);
    const spec = scale.schools[si];
    const schoolId = ids.school();
    await W.school.add(schoolId, spec.name, spec.stateCode, 9, 12);
    const students: StudentRecord[] = [];
    for (let cohort = sy - 5; cohort <= sy + 4; cohort++) {
      const past = cohort <= sy;
      const size = past ? spec.pastCohort : spec.currentCohort;
      for (let j = 0; j < size; j++) {
        const deceased = past && scale.deceased > 0 && pastIndex % every === Math.floor(every / 2) && pastIndex < every * scale.deceased;
        if (past) pastIndex++;
        students.push(generateStudent(rng, { index: index++, cohort, schoolIdx: si, deceased, asOf }, ids));
      }
    }
    const enrolled = students.filter((s) => s.life.status === "ENROLLED");
    const pinned = si === 0 ? scale.largestCaseload : null;
    const n = scale.counselorsPerSchool === "auto" ? counselorCount(enrolled.length, pinned) : scale.counselorsPerSchool;
    const staff = schoolStaff(rng, { name: spec.name, index: si }, n, scale.name, ids.user);
    for (const u of [...staff.admins, ...staff.counselors, ...staff.inactive]) await W.user.add(u.id, u.name, u.email, u.role, schoolId, hash, u.active);
    await W.school.flush();
    await W.user.flush();

    // Caseloads: enrolled students dealt out by quota; students who left keep their last counselor.
    const quotas = caseloadQuotas(enrolled.length, staff.counselors.length, pinned);
    const counselorOf = new Map<StudentRecord, StaffUser>();
    let k = 0;
    rng.shuffle([...enrolled]).forEach((s) => {
      while (k < quotas.length - 1 && quotas[k] <= 0) k++;
      counselorOf.set(s, staff.counselors[k]);
      quotas[k]--;
    });
    const shares = Object.fromEntries(staff.counselors.map((c, i) => [String(i), i === 0 && pinned ? 3 : 1]));
    for (const s of students) if (!counselorOf.has(s)) counselorOf.set(s, staff.counselors[Number(rng.weighted(shares))]);
    for (const c of staff.counselors) enrolledCounts.set(c.id, 0);

    for (const s of students) {
      const c = counselorOf.get(s)!;
      if (s.life.status === "ENROLLED") enrolledCounts.set(c.id, enrolledCounts.get(c.id)! + 1);
      await W.student.add(
        s.id,
        s.sisId,
        s.stateId,
        s.firstName,
        s.middleName,
        s.lastName,
        s.birthDate,
        schoolId,
        s.life.gradeLevel,
        s.cohortYear,
        s.firstNinthGradeYear,
        s.raceEthnicity,
        s.gender,
        s.englishLearner,
        s.specialEducation,
        s.lowIncome,
        c.id,
        s.life.status,
        isoDay(dateOf(s.life.statusDate)),
        s.attendanceRate,
        s.suspensions,
        s.coursesFailedThisYear,
      );
    }
    await W.student.flush();
    for (const s of students) {
      const c = counselorOf.get(s)!;
      for (const y of s.life.years) await W.studentYear.add(s.id, y.year, schoolId, y.grade, y.enrolledOct1);
      for (const e of s.life.events) {
        await W.statusEvent.add(
          ids.event(),
          s.id,
          e.kind,
          isoDay(dateOf(e.date)),
          schoolId,
          e.grade,
          e.transferIn ?? null,
          e.documented ?? null,
          e.credential ?? null,
          e.reason ?? null,
          e.kind === "ENTERED" ? null : c.id,
          null,
          ++sequence,
        );
      }
      for (const t of s.transcript) {
        await W.transcript.add(
          t.id,
          t.studentId,
          t.courseCode,
          t.courseTitle,
          t.subjectArea,
          t.schoolYear,
          t.term,
          t.grade,
          t.creditsAttempted,
          t.creditsEarned,
          null,
          t.sourceKey,
        );
      }
      const graduated = s.life.events.some((e) => e.kind === "GRADUATED");
      learners.push({
        id: s.id,
        sisId: s.sisId,
        counselorId: c.id,
        tier: s.tier,
        ability: s.ability,
        raceEthnicity: s.raceEthnicity,
        gender: s.gender,
        status: s.life.status,
        until: s.life.status === "ENROLLED" ? asOf : (s.life.years.at(-1)?.to ?? s.life.statusDate),
        graduated,
        years: s.life.years,
        failures: s.failures,
      });
    }
  }
  await W.studentYear.flush();
  await W.statusEvent.flush();
  await W.transcript.flush();
  onProgress?.(scale.schools.length, scale.schools.length);
  return { learners, enrolledCounts };
}

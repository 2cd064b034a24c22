-- Two writes the per-school report versions missed (a review of migrations 20261205000000 and
-- 20261206000000):
-- - an enrollment's finishedOn alone (the day its work was finished: the program tables' and the
--   quality report's days to complete) set the global "enrollments" (migration 20261203080000) but
--   no school's: the per-school note now compares it too, as the deferred trigger does;
-- - a transcript row an enrollment replaces (Enrollment.replacesId, read by id: the quality report's
--   course codes) need not be the enrollment's own student's: a change to it now notes the students
--   of the enrollments that replace it too, found by a new index.
CREATE INDEX "Enrollment_replacesId_idx" ON "Enrollment"("replacesId");

CREATE OR REPLACE FUNCTION "report_school_note"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  src TEXT := TG_ARGV[0];
BEGIN
  PERFORM "report_school_touched_table"();
  IF TG_TABLE_NAME = 'Student' THEN
    IF TG_OP = 'UPDATE' THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT src, 's', x."schoolId" FROM (
        SELECT o."schoolId" AS a, n."schoolId" AS b FROM ot o JOIN nt n ON n.id = o.id
        WHERE (o."schoolId", o."cohortYear", o."raceEthnicity", o."gender", o."specialEducation", o."englishLearner", o."lowIncome")
          IS DISTINCT FROM (n."schoolId", n."cohortYear", n."raceEthnicity", n."gender", n."specialEducation", n."englishLearner", n."lowIncome")
      ) c CROSS JOIN LATERAL (VALUES (c.a), (c.b)) x("schoolId")
      ON CONFLICT DO NOTHING;
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT src, 'p', n.id FROM ot o JOIN nt n ON n.id = o.id
      WHERE (o."schoolId", o."cohortYear", o."raceEthnicity", o."gender", o."specialEducation", o."englishLearner", o."lowIncome")
        IS DISTINCT FROM (n."schoolId", n."cohortYear", n."raceEthnicity", n."gender", n."specialEducation", n."englishLearner", n."lowIncome")
      ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'INSERT' THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id") SELECT DISTINCT src, 's', n."schoolId" FROM nt n ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO pg_temp.report_touched ("name", "kind", "id") SELECT DISTINCT src, 's', o."schoolId" FROM ot o ON CONFLICT DO NOTHING;
    END IF;
  ELSIF TG_TABLE_NAME = 'Enrollment' THEN
    -- No school of its own: its student's.
    IF TG_OP = 'UPDATE' THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT src, 'p', x."studentId" FROM (
        SELECT o."studentId" AS a, n."studentId" AS b FROM ot o JOIN nt n ON n.id = o.id
        WHERE (o."status", o."startDate", o."endedOn", o."finishedOn", o."studentId", o."courseId", o."creditAwarded")
          IS DISTINCT FROM (n."status", n."startDate", n."endedOn", n."finishedOn", n."studentId", n."courseId", n."creditAwarded")
      ) c CROSS JOIN LATERAL (VALUES (c.a), (c.b)) x("studentId")
      ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'INSERT' THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id") SELECT DISTINCT src, 'p', n."studentId" FROM nt n ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO pg_temp.report_touched ("name", "kind", "id") SELECT DISTINCT src, 'p', o."studentId" FROM ot o ON CONFLICT DO NOTHING;
    END IF;
  ELSE
    -- StatusEvent, StudentYear: every write is noted (their deferred triggers fire on any update),
    -- with the row's own school and its student, old and new.
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT src, k, v FROM ot o CROSS JOIN LATERAL (VALUES ('s'::"char", o."schoolId"), ('p'::"char", o."studentId")) x(k, v)
      ON CONFLICT DO NOTHING;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT src, k, v FROM nt n CROSS JOIN LATERAL (VALUES ('s'::"char", n."schoolId"), ('p'::"char", n."studentId")) x(k, v)
      ON CONFLICT DO NOTHING;
    END IF;
  END IF;
  -- Written after this transaction's versions were set (SET CONSTRAINTS … IMMEDIATE fired the
  -- deferred bump early): the locks are held, so set the versions now.
  IF current_setting('credittrack.report_sources_locked', true) = '1' THEN
    PERFORM "report_school_flush"();
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "report_school_note_quality"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "report_school_touched_table"();
  IF TG_TABLE_NAME = 'AssessmentResult' THEN
    IF TG_OP = 'UPDATE' THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT 'quality', 'p', e."studentId" FROM (
        SELECT o."enrollmentId" AS a, n."enrollmentId" AS b FROM ot o JOIN nt n ON n.id = o.id
        WHERE (o."enrollmentId", o."assessmentId", o."attempt", o."proctored") IS DISTINCT FROM (n."enrollmentId", n."assessmentId", n."attempt", n."proctored")
      ) c CROSS JOIN LATERAL (VALUES (c.a), (c.b)) x("enrollmentId") JOIN "Enrollment" e ON e.id = x."enrollmentId"
      ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'INSERT' THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT 'quality', 'p', e."studentId" FROM nt n JOIN "Enrollment" e ON e.id = n."enrollmentId" ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT 'quality', 'p', e."studentId" FROM ot o JOIN "Enrollment" e ON e.id = o."enrollmentId" ON CONFLICT DO NOTHING;
    END IF;
  ELSIF TG_TABLE_NAME = 'ActivitySession' THEN
    IF TG_OP = 'UPDATE' THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT 'quality', 'p', e."studentId" FROM (
        SELECT o."enrollmentId" AS a, n."enrollmentId" AS b FROM ot o JOIN nt n ON n.id = o.id
        WHERE (o."enrollmentId", o."day", o."seconds", o."dayTotal") IS DISTINCT FROM (n."enrollmentId", n."day", n."seconds", n."dayTotal")
      ) c CROSS JOIN LATERAL (VALUES (c.a), (c.b)) x("enrollmentId") JOIN "Enrollment" e ON e.id = x."enrollmentId"
      ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'INSERT' THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT 'quality', 'p', e."studentId" FROM nt n JOIN "Enrollment" e ON e.id = n."enrollmentId" ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT 'quality', 'p', e."studentId" FROM ot o JOIN "Enrollment" e ON e.id = o."enrollmentId" ON CONFLICT DO NOTHING;
    END IF;
  ELSIF TG_TABLE_NAME = 'TranscriptCourse' THEN
    IF TG_OP = 'UPDATE' THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT 'quality', 'p', x."studentId" FROM (
        SELECT o."studentId" AS a, n."studentId" AS b FROM ot o JOIN nt n ON n.id = o.id
        WHERE (o."studentId", o."courseCode", o."schoolYear", o."creditsEarned") IS DISTINCT FROM (n."studentId", n."courseCode", n."schoolYear", n."creditsEarned")
      ) c CROSS JOIN LATERAL (VALUES (c.a), (c.b)) x("studentId")
      ON CONFLICT DO NOTHING;
      -- An enrollment reads the row it replaces by id, whoever's row it is now.
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT 'quality', 'p', e."studentId" FROM ot o JOIN nt n ON n.id = o.id JOIN "Enrollment" e ON e."replacesId" = o.id
      WHERE (o."studentId", o."courseCode", o."schoolYear", o."creditsEarned") IS DISTINCT FROM (n."studentId", n."courseCode", n."schoolYear", n."creditsEarned")
      ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'INSERT' THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id") SELECT DISTINCT 'quality', 'p', n."studentId" FROM nt n ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO pg_temp.report_touched ("name", "kind", "id") SELECT DISTINCT 'quality', 'p', o."studentId" FROM ot o ON CONFLICT DO NOTHING;
    END IF;
  ELSIF TG_TABLE_NAME = 'StateTestResult' THEN
    IF TG_OP = 'UPDATE' THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id")
      SELECT DISTINCT 'quality', 'p', x."studentId" FROM (
        SELECT o."studentId" AS a, n."studentId" AS b FROM ot o JOIN nt n ON n.id = o.id
        WHERE (o."studentId", o."test", o."subjectArea", o."schoolYear", o."level", o."proficient")
          IS DISTINCT FROM (n."studentId", n."test", n."subjectArea", n."schoolYear", n."level", n."proficient")
      ) c CROSS JOIN LATERAL (VALUES (c.a), (c.b)) x("studentId")
      ON CONFLICT DO NOTHING;
    ELSIF TG_OP = 'INSERT' THEN
      INSERT INTO pg_temp.report_touched ("name", "kind", "id") SELECT DISTINCT 'quality', 'p', n."studentId" FROM nt n ON CONFLICT DO NOTHING;
    ELSE
      INSERT INTO pg_temp.report_touched ("name", "kind", "id") SELECT DISTINCT 'quality', 'p', o."studentId" FROM ot o ON CONFLICT DO NOTHING;
    END IF;
  ELSE
    -- Enrollment: an override or the course it replaces (its other columns: "enrollments").
    INSERT INTO pg_temp.report_touched ("name", "kind", "id")
    SELECT DISTINCT 'quality', 'p', x."studentId" FROM (
      SELECT o."studentId" AS a, n."studentId" AS b FROM ot o JOIN nt n ON n.id = o.id
      WHERE (o."overrideAt", o."replacesId") IS DISTINCT FROM (n."overrideAt", n."replacesId")
    ) c CROSS JOIN LATERAL (VALUES (c.a), (c.b)) x("studentId")
    ON CONFLICT DO NOTHING;
  END IF;
  IF current_setting('credittrack.report_sources_locked', true) = '1' THEN
    PERFORM "report_school_flush"();
  END IF;
  RETURN NULL;
END $$;

-- The program quality report kept per school (lib/reports/sql.ts qualityRows, DEFINITIONS.md "Kept
-- per school"), like the summary's cubes (migration 20261205000000_report_school_sources). Its
-- facts (lib/sql/fragments/quality-facts.ts) are one row per enrollment, by its student's current
-- school, and read of each enrollment only its own student's records: its summative results, its
-- time on task, the student's transcript (the replaced course, the next course), state tests and
-- status events. So a write to those records sets the per-school version "quality" of the schools
-- its students are tied to, noted as the summary's sources are; what no school owns — the course
-- sequence, the rigor policy, a course's thresholds, codes and subject, which assessments are
-- summative, a TRUNCATE — still sets the global version "quality" (migration
-- 20261204000000_quality_report_source), which every school's quality rows read.

-- The records' row triggers set the global "quality" no more. They still queue one deferred bump
-- per transaction, now of "qualityRecords" (read by no figure): the bump is what gives the noted
-- schools their versions at commit (report_school_flush).
INSERT INTO "ReportSource" ("name", "version") VALUES ('qualityRecords', pg_current_xact_id()::text::bigint)
  ON CONFLICT ("name") DO NOTHING;

DROP TRIGGER "report_source_quality_results" ON "AssessmentResult";
DROP TRIGGER "report_source_quality_activity" ON "ActivitySession";
DROP TRIGGER "report_source_quality_transcript" ON "TranscriptCourse";
DROP TRIGGER "report_source_quality_state_tests" ON "StateTestResult";
DROP TRIGGER "report_source_quality_enrollments" ON "Enrollment";

CREATE CONSTRAINT TRIGGER "report_source_quality_records_results" AFTER INSERT OR DELETE OR UPDATE OF "enrollmentId", "assessmentId", "attempt", "proctored"
  ON "AssessmentResult" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_qualityRecords', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_qualityRecords', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('qualityRecords');
CREATE CONSTRAINT TRIGGER "report_source_quality_records_activity" AFTER INSERT OR DELETE OR UPDATE OF "enrollmentId", "day", "seconds", "dayTotal"
  ON "ActivitySession" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_qualityRecords', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_qualityRecords', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('qualityRecords');
CREATE CONSTRAINT TRIGGER "report_source_quality_records_transcript" AFTER INSERT OR DELETE OR UPDATE OF "studentId", "courseCode", "schoolYear", "creditsEarned"
  ON "TranscriptCourse" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_qualityRecords', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_qualityRecords', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('qualityRecords');
CREATE CONSTRAINT TRIGGER "report_source_quality_records_state_tests" AFTER INSERT OR DELETE OR UPDATE OF "studentId", "test", "subjectArea", "schoolYear", "level", "proficient"
  ON "StateTestResult" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_qualityRecords', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_qualityRecords', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('qualityRecords');
CREATE CONSTRAINT TRIGGER "report_source_quality_records_enrollments" AFTER UPDATE OF "overrideAt", "replacesId"
  ON "Enrollment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_qualityRecords', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_qualityRecords', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('qualityRecords');

-- Each statement notes the students of the rows whose read columns changed (the columns of the
-- deferred triggers above), old and new: a result's or a session's through its enrollment (an
-- enrollment deleted with them is noted as an enrollment, "enrollments"). At commit
-- report_school_flush gives "quality" versions to every school each student is tied to.
CREATE FUNCTION "report_school_note_quality"() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER "report_school_quality_results_ins" AFTER INSERT ON "AssessmentResult" REFERENCING NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();
CREATE TRIGGER "report_school_quality_results_upd" AFTER UPDATE ON "AssessmentResult" REFERENCING OLD TABLE AS ot NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();
CREATE TRIGGER "report_school_quality_results_del" AFTER DELETE ON "AssessmentResult" REFERENCING OLD TABLE AS ot FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();
CREATE TRIGGER "report_school_quality_activity_ins" AFTER INSERT ON "ActivitySession" REFERENCING NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();
CREATE TRIGGER "report_school_quality_activity_upd" AFTER UPDATE ON "ActivitySession" REFERENCING OLD TABLE AS ot NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();
CREATE TRIGGER "report_school_quality_activity_del" AFTER DELETE ON "ActivitySession" REFERENCING OLD TABLE AS ot FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();
CREATE TRIGGER "report_school_quality_transcript_ins" AFTER INSERT ON "TranscriptCourse" REFERENCING NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();
CREATE TRIGGER "report_school_quality_transcript_upd" AFTER UPDATE ON "TranscriptCourse" REFERENCING OLD TABLE AS ot NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();
CREATE TRIGGER "report_school_quality_transcript_del" AFTER DELETE ON "TranscriptCourse" REFERENCING OLD TABLE AS ot FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();
CREATE TRIGGER "report_school_quality_state_tests_ins" AFTER INSERT ON "StateTestResult" REFERENCING NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();
CREATE TRIGGER "report_school_quality_state_tests_upd" AFTER UPDATE ON "StateTestResult" REFERENCING OLD TABLE AS ot NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();
CREATE TRIGGER "report_school_quality_state_tests_del" AFTER DELETE ON "StateTestResult" REFERENCING OLD TABLE AS ot FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();
CREATE TRIGGER "report_school_quality_enrollments_upd" AFTER UPDATE ON "Enrollment" REFERENCING OLD TABLE AS ot NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note_quality"();

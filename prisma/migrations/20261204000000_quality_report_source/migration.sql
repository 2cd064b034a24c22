-- The program quality report's own source (lib/reports/cache.ts, DEFINITIONS.md "Freshness and
-- speed"): besides the students, status events, rolls and enrollments, its facts
-- (lib/sql/fragments/quality-facts.ts) read the summative results, time on task, the transcript
-- (replaced course, next course), state tests, the course sequence, the rigor policy, the courses'
-- own thresholds, codes and subjects, and an enrollment's override and replaced course. A write to
-- any of them sets the version "quality", so the report's rows are kept while it is unchanged and
-- computed afresh, exactly, after it changes.
INSERT INTO "ReportSource" ("name", "version") VALUES ('quality', pg_current_xact_id()::text::bigint)
  ON CONFLICT ("name") DO NOTHING;

-- These tables take bulk writes (a progress import: tens of thousands of results; the seed:
-- millions), so a statement queues one deferred bump per transaction, not one per row: the WHEN
-- clause is evaluated as each row is written (never deferred) and is true only for the
-- transaction's first row, marking it in a transaction-local setting. A savepoint rolled back
-- discards both the queued bump and the mark; report_source_bump still sets the version once, at
-- commit, locking the version rows as the other sources do (migration 20261201130000).
-- Builtins only, so the condition costs next to nothing per row.

CREATE CONSTRAINT TRIGGER "report_source_quality_results" AFTER INSERT OR DELETE OR UPDATE OF "enrollmentId", "assessmentId", "attempt", "proctored"
  ON "AssessmentResult" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_quality', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_quality', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('quality');
CREATE TRIGGER "report_source_quality_results_truncate" AFTER TRUNCATE ON "AssessmentResult" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('quality');

CREATE CONSTRAINT TRIGGER "report_source_quality_assessments" AFTER INSERT OR DELETE OR UPDATE OF "kind"
  ON "CourseAssessment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_quality', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_quality', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('quality');
CREATE TRIGGER "report_source_quality_assessments_truncate" AFTER TRUNCATE ON "CourseAssessment" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('quality');

CREATE CONSTRAINT TRIGGER "report_source_quality_activity" AFTER INSERT OR DELETE OR UPDATE OF "enrollmentId", "day", "seconds", "dayTotal"
  ON "ActivitySession" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_quality', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_quality', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('quality');
CREATE TRIGGER "report_source_quality_activity_truncate" AFTER TRUNCATE ON "ActivitySession" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('quality');

CREATE CONSTRAINT TRIGGER "report_source_quality_transcript" AFTER INSERT OR DELETE OR UPDATE OF "studentId", "courseCode", "schoolYear", "creditsEarned"
  ON "TranscriptCourse" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_quality', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_quality', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('quality');
CREATE TRIGGER "report_source_quality_transcript_truncate" AFTER TRUNCATE ON "TranscriptCourse" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('quality');

CREATE CONSTRAINT TRIGGER "report_source_quality_state_tests" AFTER INSERT OR DELETE OR UPDATE OF "studentId", "test", "subjectArea", "schoolYear", "level", "proficient"
  ON "StateTestResult" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_quality', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_quality', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('quality');
CREATE TRIGGER "report_source_quality_state_tests_truncate" AFTER TRUNCATE ON "StateTestResult" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('quality');

CREATE CONSTRAINT TRIGGER "report_source_quality_sequence" AFTER INSERT OR DELETE OR UPDATE OF "courseCode", "nextCode"
  ON "CourseSequence" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_quality', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_quality', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('quality');
CREATE TRIGGER "report_source_quality_sequence_truncate" AFTER TRUNCATE ON "CourseSequence" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('quality');

CREATE CONSTRAINT TRIGGER "report_source_quality_policy" AFTER INSERT OR DELETE OR UPDATE OF "programType", "minDaysEnrolled", "minActiveMinutesPerCredit"
  ON "RigorPolicy" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_quality', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_quality', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('quality');
CREATE TRIGGER "report_source_quality_policy_truncate" AFTER TRUNCATE ON "RigorPolicy" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('quality');

-- A course's insert, delete, program type and provider already set "enrollments" (read with them).
CREATE CONSTRAINT TRIGGER "report_source_quality_courses" AFTER UPDATE OF "minDaysEnrolled", "minActiveMinutesPerCredit", "credits", "recovers", "providerCourseCode", "subjectArea"
  ON "OnlineCourse" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_quality', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_quality', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('quality');

-- An enrollment's insert, delete, status, dates, course and credit already set "enrollments".
CREATE CONSTRAINT TRIGGER "report_source_quality_enrollments" AFTER UPDATE OF "overrideAt", "replacesId"
  ON "Enrollment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (CASE WHEN current_setting('credittrack.report_source_queued_quality', true) = '1' THEN false ELSE set_config('credittrack.report_source_queued_quality', '1', true) = '1' END)
  EXECUTE FUNCTION "report_source_bump"('quality');

-- Issue #18: the day the work was finished, as the completion rule counted the days enrolled,
-- kept at completion so the quality report's "completed too fast" and the median days count the
-- same days as the guardrail did. Null for completions recorded before, and for imports (the report
-- then counts to "endedOn"). Never after the end date (credit.ts finishedOn keeps it within).
ALTER TABLE "Enrollment" ADD COLUMN "finishedOn" DATE;
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_finishedOn_within" CHECK ("finishedOn" IS NULL OR "endedOn" IS NULL OR "finishedOn" <= "endedOn");

-- The program table's median days reads it: a write to it bumps the enrollments' report source.
DROP TRIGGER "report_source_enrollments" ON "Enrollment";
CREATE CONSTRAINT TRIGGER "report_source_enrollments" AFTER INSERT OR DELETE OR UPDATE OF "status", "startDate", "endedOn", "finishedOn", "studentId", "courseId", "creditAwarded"
  ON "Enrollment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "report_source_bump"('enrollments');

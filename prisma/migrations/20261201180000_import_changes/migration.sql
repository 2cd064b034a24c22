-- AlterTable
ALTER TABLE "Provider" ADD COLUMN     "staleAfterDays" INTEGER;

-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN     "revertedAt" TIMESTAMP(3),
ADD COLUMN     "revertedById" TEXT;

-- CreateTable
CREATE TABLE "ImportChange" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "table" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "key" JSONB NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportChange_runId_id_idx" ON "ImportChange"("runId", "id");

-- AddForeignKey
ALTER TABLE "ImportChange" ADD CONSTRAINT "ImportChange_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ImportRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Capture what an import run changes (issue #15, "revert a run"): while an import's transaction
-- has set credittrack.import_run (lib/imports/record.ts, set_config(..., true): the transaction
-- only), statement triggers copy each inserted, updated or deleted row of the tables imports write
-- into "ImportChange". Other writers (counselors, the seed) never set it, and pay one
-- current_setting() call per statement. Arguments: the primary key's columns, then the columns
-- never copied (secrets).
CREATE FUNCTION "import_change_capture"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  run text := current_setting('credittrack.import_run', true);
  pk text[] := string_to_array(TG_ARGV[0], ',');
  hidden text[] := TG_ARGV[1:];
BEGIN
  IF run IS NULL OR run = '' THEN RETURN NULL; END IF;
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "ImportChange" ("runId", "table", "op", "key", "after")
    SELECT run, TG_TABLE_NAME, 'INSERT', (SELECT jsonb_object_agg(k, j -> k) FROM unnest(pk) k), j
    FROM (SELECT to_jsonb(n) - hidden AS j FROM new_rows n) s;
  ELSIF TG_OP = 'UPDATE' AND cardinality(pk) = 1 THEN
    -- One key column (every captured table but StudentYear): old and new rows meet on its text,
    -- each row turned into JSON once.
    INSERT INTO "ImportChange" ("runId", "table", "op", "key", "before", "after")
    SELECT run, TG_TABLE_NAME, 'UPDATE', jsonb_build_object(pk[1], o.j -> pk[1]), o.j, n.j
    FROM (SELECT to_jsonb(x) - hidden AS j FROM old_rows x) o
    JOIN (SELECT to_jsonb(x) - hidden AS j FROM new_rows x) n ON n.j ->> pk[1] = o.j ->> pk[1]
    WHERE o.j IS DISTINCT FROM n.j;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "ImportChange" ("runId", "table", "op", "key", "before", "after")
    SELECT run, TG_TABLE_NAME, 'UPDATE', o.k, o.j, n.j
    FROM (SELECT (SELECT jsonb_object_agg(k, j -> k) FROM unnest(pk) k) AS k, j FROM (SELECT to_jsonb(x) - hidden AS j FROM old_rows x) a) o
    JOIN (SELECT (SELECT jsonb_object_agg(k, j -> k) FROM unnest(pk) k) AS k, j FROM (SELECT to_jsonb(x) - hidden AS j FROM new_rows x) b) n ON n.k = o.k
    WHERE o.j IS DISTINCT FROM n.j;
  ELSE
    INSERT INTO "ImportChange" ("runId", "table", "op", "key", "before")
    SELECT run, TG_TABLE_NAME, 'DELETE', (SELECT jsonb_object_agg(k, j -> k) FROM unnest(pk) k), j
    FROM (SELECT to_jsonb(o) - hidden AS j FROM old_rows o) s;
  END IF;
  RETURN NULL;
END $$;

-- Transition tables allow one event per trigger: three triggers per table.
CREATE TRIGGER "import_change_school_ins" AFTER INSERT ON "School" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_school_upd" AFTER UPDATE ON "School" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_school_del" AFTER DELETE ON "School" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_user_ins" AFTER INSERT ON "User" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id', 'passwordHash', 'totpSecret', 'totpEnabledAt', 'totpLastStep');
CREATE TRIGGER "import_change_user_upd" AFTER UPDATE ON "User" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id', 'passwordHash', 'totpSecret', 'totpEnabledAt', 'totpLastStep');
CREATE TRIGGER "import_change_user_del" AFTER DELETE ON "User" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id', 'passwordHash', 'totpSecret', 'totpEnabledAt', 'totpLastStep');
CREATE TRIGGER "import_change_student_ins" AFTER INSERT ON "Student" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_student_upd" AFTER UPDATE ON "Student" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_student_del" AFTER DELETE ON "Student" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_student_year_ins" AFTER INSERT ON "StudentYear" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('studentId,schoolYear');
CREATE TRIGGER "import_change_student_year_upd" AFTER UPDATE ON "StudentYear" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('studentId,schoolYear');
CREATE TRIGGER "import_change_student_year_del" AFTER DELETE ON "StudentYear" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('studentId,schoolYear');
CREATE TRIGGER "import_change_status_event_ins" AFTER INSERT ON "StatusEvent" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_status_event_upd" AFTER UPDATE ON "StatusEvent" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_status_event_del" AFTER DELETE ON "StatusEvent" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_transcript_course_ins" AFTER INSERT ON "TranscriptCourse" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_transcript_course_upd" AFTER UPDATE ON "TranscriptCourse" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_transcript_course_del" AFTER DELETE ON "TranscriptCourse" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_provider_ins" AFTER INSERT ON "Provider" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_provider_upd" AFTER UPDATE ON "Provider" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_provider_del" AFTER DELETE ON "Provider" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_online_course_ins" AFTER INSERT ON "OnlineCourse" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_online_course_upd" AFTER UPDATE ON "OnlineCourse" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_online_course_del" AFTER DELETE ON "OnlineCourse" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_course_assessment_ins" AFTER INSERT ON "CourseAssessment" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_course_assessment_upd" AFTER UPDATE ON "CourseAssessment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_course_assessment_del" AFTER DELETE ON "CourseAssessment" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_enrollment_ins" AFTER INSERT ON "Enrollment" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_enrollment_upd" AFTER UPDATE ON "Enrollment" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_enrollment_del" AFTER DELETE ON "Enrollment" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_assessment_result_ins" AFTER INSERT ON "AssessmentResult" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_assessment_result_upd" AFTER UPDATE ON "AssessmentResult" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_assessment_result_del" AFTER DELETE ON "AssessmentResult" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');

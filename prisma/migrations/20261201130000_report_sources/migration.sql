-- The versions of the report figures sources (lib/reports/cache.ts, DEFINITIONS.md "Freshness and speed").
-- A summary reads these versions before it reads the data, and reuses the figures it computed for
-- the same versions: every write that can change a figure sets its source version to a value
-- never used before, in the writer transaction, so the figures are exact after every write.

-- CreateTable
CREATE TABLE "ReportSource" (
    "name" TEXT NOT NULL,
    "version" BIGINT NOT NULL,

    CONSTRAINT "ReportSource_pkey" PRIMARY KEY ("name")
);

-- A version is the id of the transaction that wrote it (pg_current_xact_id, 64 bits): never used
-- twice in a cluster, always higher than any before it, so a restored backup or a second database
-- on the same server never gives new data an old version.
INSERT INTO "ReportSource" ("name", "version")
SELECT s, pg_current_xact_id()::text::bigint FROM unnest(ARRAY['students', 'statusEvents', 'rolls', 'enrollments']) s;

-- Sets a source version (TG_ARGV[0]) once per transaction, at its commit: the triggers below are
-- deferred, so the version rows are locked only while the writer commits, not for a whole import.
-- The first bump of a transaction locks every version row, in name order: two writers committing
-- at once, each with several sources, would otherwise lock them in opposite orders and deadlock.
CREATE FUNCTION "report_source_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('credittrack.report_source_' || TG_ARGV[0], true) IS DISTINCT FROM '1' THEN
    IF current_setting('credittrack.report_sources_locked', true) IS DISTINCT FROM '1' THEN
      PERFORM set_config('credittrack.report_sources_locked', '1', true);
      PERFORM 1 FROM "ReportSource" ORDER BY "name" FOR UPDATE;
    END IF;
    PERFORM set_config('credittrack.report_source_' || TG_ARGV[0], '1', true);
    INSERT INTO "ReportSource" ("name", "version") VALUES (TG_ARGV[0], pg_current_xact_id()::text::bigint)
      ON CONFLICT ("name") DO UPDATE SET "version" = EXCLUDED."version";
  END IF;
  RETURN NULL;
END $$;

-- TRUNCATE (the seed reset) has no row triggers: bumped at once.
CREATE FUNCTION "report_source_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "ReportSource" ("name", "version") VALUES (TG_ARGV[0], pg_current_xact_id()::text::bigint)
    ON CONFLICT ("name") DO UPDATE SET "version" = EXCLUDED."version";
  RETURN NULL;
END $$;

-- What each figure reads (lib/reports/sql.ts): only the columns named bump on an update, so the
-- frequent writes that change no figure (an assessment result progress and last activity, a
-- note) leave the versions alone.
CREATE CONSTRAINT TRIGGER "report_source_students" AFTER INSERT OR DELETE OR UPDATE OF "schoolId", "cohortYear", "raceEthnicity", "gender", "specialEducation", "englishLearner", "lowIncome"
  ON "Student" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "report_source_bump"('students');
CREATE TRIGGER "report_source_students_truncate" AFTER TRUNCATE ON "Student" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('students');

CREATE CONSTRAINT TRIGGER "report_source_status_events" AFTER INSERT OR DELETE OR UPDATE
  ON "StatusEvent" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "report_source_bump"('statusEvents');
CREATE TRIGGER "report_source_status_events_truncate" AFTER TRUNCATE ON "StatusEvent" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('statusEvents');

CREATE CONSTRAINT TRIGGER "report_source_rolls" AFTER INSERT OR DELETE OR UPDATE
  ON "StudentYear" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "report_source_bump"('rolls');
CREATE TRIGGER "report_source_rolls_truncate" AFTER TRUNCATE ON "StudentYear" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('rolls');

CREATE CONSTRAINT TRIGGER "report_source_enrollments" AFTER INSERT OR DELETE OR UPDATE OF "status", "startDate", "endedOn", "studentId", "courseId", "creditAwarded"
  ON "Enrollment" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "report_source_bump"('enrollments');
CREATE TRIGGER "report_source_enrollments_truncate" AFTER TRUNCATE ON "Enrollment" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('enrollments');

-- The course programme and provider, and the provider name, are read with the enrollments.
CREATE CONSTRAINT TRIGGER "report_source_courses" AFTER INSERT OR DELETE OR UPDATE OF "programType", "providerId"
  ON "OnlineCourse" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "report_source_bump"('enrollments');
CREATE TRIGGER "report_source_courses_truncate" AFTER TRUNCATE ON "OnlineCourse" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('enrollments');
CREATE CONSTRAINT TRIGGER "report_source_providers" AFTER INSERT OR DELETE OR UPDATE OF "name"
  ON "Provider" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "report_source_bump"('enrollments');
CREATE TRIGGER "report_source_providers_truncate" AFTER TRUNCATE ON "Provider" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('enrollments');

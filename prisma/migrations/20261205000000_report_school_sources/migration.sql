-- Per-school versions of the report sources (lib/reports/cache.ts cachedSchoolRows, DEFINITIONS.md
-- "Freshness and speed"). The summary's aggregates (the graduation, dropout, completer, program
-- and access cubes) give one row per school: a school's rows read only the records of students
-- tied to that school — their current school (Student.schoolId), a roll row's school or a status
-- event's school — and the district-wide course catalog. A write sets the version of each school
-- it can change, so the district's figures after a write are that school's rows computed afresh
-- beside the other schools' rows kept. A write that no school owns (a course's program or
-- provider, a provider's name, a TRUNCATE) sets the source "wide", which every school's rows read.
CREATE TABLE "ReportSchoolSource" (
    "name" TEXT NOT NULL,
    "schoolId" TEXT NOT NULL,
    "version" BIGINT NOT NULL,

    CONSTRAINT "ReportSchoolSource_pkey" PRIMARY KEY ("name", "schoolId")
);

INSERT INTO "ReportSource" ("name", "version") VALUES ('wide', pg_current_xact_id()::text::bigint)
  ON CONFLICT ("name") DO NOTHING;

-- Each statement that writes a student, a status event, a roll row or an enrollment notes, in a
-- session temporary table, the schools whose rows it can change: the written rows' own schools
-- (old and new) and their students (kind 'p'), whose schools are looked up once, at commit.
-- Statement triggers with transition tables: one insert per statement, whatever its row count.
-- Only the rows whose figure columns changed are noted: the same columns as the deferred row
-- triggers of migration 20261201130000, so a noted write always queues report_source_bump.
CREATE FUNCTION "report_school_touched_table"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.report_touched') IS NULL THEN
    CREATE TEMP TABLE report_touched ("name" TEXT NOT NULL, "kind" "char" NOT NULL, "id" TEXT NOT NULL, PRIMARY KEY ("name", "kind", "id"));
  END IF;
END $$;

CREATE FUNCTION "report_school_note"() RETURNS trigger LANGUAGE plpgsql AS $$
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
        WHERE (o."status", o."startDate", o."endedOn", o."studentId", o."courseId", o."creditAwarded")
          IS DISTINCT FROM (n."status", n."startDate", n."endedOn", n."studentId", n."courseId", n."creditAwarded")
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

-- Gives the transaction's id to the noted schools and to every school a noted student is tied to
-- now, and forgets the notes. Called holding the version rows' locks (report_source_bump).
CREATE FUNCTION "report_school_flush"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.report_touched') IS NOT NULL THEN
        EXECUTE $q$
          INSERT INTO "ReportSchoolSource" ("name", "schoolId", "version")
          SELECT "name", "schoolId", pg_current_xact_id()::text::bigint FROM (
            SELECT t."name", t."id" AS "schoolId" FROM pg_temp.report_touched t WHERE t."kind" = 's'
            UNION SELECT t."name", st."schoolId" FROM pg_temp.report_touched t JOIN "Student" st ON st."id" = t."id" WHERE t."kind" = 'p'
            UNION SELECT t."name", y."schoolId" FROM pg_temp.report_touched t JOIN "StudentYear" y ON y."studentId" = t."id" WHERE t."kind" = 'p'
            UNION SELECT t."name", e."schoolId" FROM pg_temp.report_touched t JOIN "StatusEvent" e ON e."studentId" = t."id" WHERE t."kind" = 'p'
          ) s ORDER BY 1, 2
          ON CONFLICT ("name", "schoolId") DO UPDATE SET "version" = EXCLUDED."version"
        $q$;
        EXECUTE 'DELETE FROM pg_temp.report_touched';
  END IF;
END $$;

-- At commit (the first deferred report_source_bump of the transaction, once every statement has
-- run, holding the version rows' locks): the noted schools and every school each noted student is
-- tied to now get this transaction's id as their version. A tie that the transaction changed is a
-- written row, noted with its own school before and after.
CREATE OR REPLACE FUNCTION "report_source_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('credittrack.report_source_' || TG_ARGV[0], true) IS DISTINCT FROM '1' THEN
    IF current_setting('credittrack.report_sources_locked', true) IS DISTINCT FROM '1' THEN
      PERFORM set_config('credittrack.report_sources_locked', '1', true);
      PERFORM 1 FROM "ReportSource" ORDER BY "name" FOR UPDATE;
      PERFORM "report_school_flush"();
    END IF;
    PERFORM set_config('credittrack.report_source_' || TG_ARGV[0], '1', true);
    INSERT INTO "ReportSource" ("name", "version") VALUES (TG_ARGV[0], pg_current_xact_id()::text::bigint)
      ON CONFLICT ("name") DO UPDATE SET "version" = EXCLUDED."version";
  END IF;
  RETURN NULL;
END $$;

-- Transition tables need one trigger per event.
CREATE TRIGGER "report_school_students_ins" AFTER INSERT ON "Student" REFERENCING NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note"('students');
CREATE TRIGGER "report_school_students_upd" AFTER UPDATE ON "Student" REFERENCING OLD TABLE AS ot NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note"('students');
CREATE TRIGGER "report_school_students_del" AFTER DELETE ON "Student" REFERENCING OLD TABLE AS ot FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note"('students');
CREATE TRIGGER "report_school_status_events_ins" AFTER INSERT ON "StatusEvent" REFERENCING NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note"('statusEvents');
CREATE TRIGGER "report_school_status_events_upd" AFTER UPDATE ON "StatusEvent" REFERENCING OLD TABLE AS ot NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note"('statusEvents');
CREATE TRIGGER "report_school_status_events_del" AFTER DELETE ON "StatusEvent" REFERENCING OLD TABLE AS ot FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note"('statusEvents');
CREATE TRIGGER "report_school_rolls_ins" AFTER INSERT ON "StudentYear" REFERENCING NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note"('rolls');
CREATE TRIGGER "report_school_rolls_upd" AFTER UPDATE ON "StudentYear" REFERENCING OLD TABLE AS ot NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note"('rolls');
CREATE TRIGGER "report_school_rolls_del" AFTER DELETE ON "StudentYear" REFERENCING OLD TABLE AS ot FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note"('rolls');
CREATE TRIGGER "report_school_enrollments_ins" AFTER INSERT ON "Enrollment" REFERENCING NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note"('enrollments');
CREATE TRIGGER "report_school_enrollments_upd" AFTER UPDATE ON "Enrollment" REFERENCING OLD TABLE AS ot NEW TABLE AS nt FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note"('enrollments');
CREATE TRIGGER "report_school_enrollments_del" AFTER DELETE ON "Enrollment" REFERENCING OLD TABLE AS ot FOR EACH STATEMENT EXECUTE FUNCTION "report_school_note"('enrollments');

-- What no school owns: a TRUNCATE, a course's program or provider, a provider's name.
CREATE TRIGGER "report_source_students_truncate_wide" AFTER TRUNCATE ON "Student" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('wide');
CREATE TRIGGER "report_source_status_events_truncate_wide" AFTER TRUNCATE ON "StatusEvent" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('wide');
CREATE TRIGGER "report_source_rolls_truncate_wide" AFTER TRUNCATE ON "StudentYear" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('wide');
CREATE TRIGGER "report_source_enrollments_truncate_wide" AFTER TRUNCATE ON "Enrollment" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('wide');
CREATE TRIGGER "report_source_courses_truncate_wide" AFTER TRUNCATE ON "OnlineCourse" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('wide');
CREATE TRIGGER "report_source_providers_truncate_wide" AFTER TRUNCATE ON "Provider" FOR EACH STATEMENT EXECUTE FUNCTION "report_source_truncate"('wide');
CREATE CONSTRAINT TRIGGER "report_source_courses_wide" AFTER INSERT OR DELETE OR UPDATE OF "programType", "providerId"
  ON "OnlineCourse" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "report_source_bump"('wide');
CREATE CONSTRAINT TRIGGER "report_source_providers_wide" AFTER INSERT OR DELETE OR UPDATE OF "name"
  ON "Provider" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "report_source_bump"('wide');

-- The course sequence and state test results are loaded by the district extract (issue #18,
-- lib/imports/extract/sequence.ts, state-tests.ts): capture their changes like every imported table
-- (migration 20261201180000_import_changes), so an import run that wrote them can be reverted.
CREATE TRIGGER "import_change_course_sequence_ins" AFTER INSERT ON "CourseSequence" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('courseCode,nextCode');
CREATE TRIGGER "import_change_course_sequence_upd" AFTER UPDATE ON "CourseSequence" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('courseCode,nextCode');
CREATE TRIGGER "import_change_course_sequence_del" AFTER DELETE ON "CourseSequence" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('courseCode,nextCode');
CREATE TRIGGER "import_change_state_test_result_ins" AFTER INSERT ON "StateTestResult" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_state_test_result_upd" AFTER UPDATE ON "StateTestResult" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_state_test_result_del" AFTER DELETE ON "StateTestResult" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');

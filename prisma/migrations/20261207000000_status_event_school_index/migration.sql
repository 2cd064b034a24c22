-- One school's dropouts, read without the district's: the dropout cube for a school keeps only the
-- students with a dropout there (lib/sql/queries/dropout-cube.ts). At the city scale the school's
-- cube read every dropout of five years (23,000 events, sorted) to keep 194.
CREATE INDEX "StatusEvent_kind_schoolId_effectiveDate_idx" ON "StatusEvent"("kind", "schoolId", "effectiveDate");

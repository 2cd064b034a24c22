-- The program figures read one school year of enrollments by start date (lib/reports/sql.ts).
CREATE INDEX "Enrollment_startDate_idx" ON "Enrollment"("startDate");

-- CreateTable
CREATE TABLE "ActivitySession" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "day" DATE NOT NULL,
    "seconds" INTEGER NOT NULL,
    "dayTotal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivitySession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActivitySession_enrollmentId_day_idx" ON "ActivitySession"("enrollmentId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "ActivitySession_enrollmentId_dayTotal_startedAt_key" ON "ActivitySession"("enrollmentId", "dayTotal", "startedAt");

-- AddForeignKey
ALTER TABLE "ActivitySession" ADD CONSTRAINT "ActivitySession_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A session is at most 24 hours; a day total at most a day's 1,440 minutes (FORMATS.md §3c).
ALTER TABLE "ActivitySession" ADD CONSTRAINT "ActivitySession_seconds_check" CHECK ("seconds" BETWEEN 0 AND 86400);

-- Activity imports are recorded like every other import's rows (migration 20261201180000_import_changes):
-- a run that wrote sessions can be reverted.
CREATE TRIGGER "import_change_activity_session_ins" AFTER INSERT ON "ActivitySession" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_activity_session_upd" AFTER UPDATE ON "ActivitySession" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_activity_session_del" AFTER DELETE ON "ActivitySession" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');

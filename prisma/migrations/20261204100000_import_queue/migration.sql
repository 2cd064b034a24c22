-- Issue #19: imports run on the job runner, not in the HTTP request. An upload from the Imports page
-- is stored here and its run waits "queued" until a job runner on any host takes it
-- (lib/imports/queue.ts: a conditional UPDATE over FOR UPDATE SKIP LOCKED); its progress and, once it
-- has finished, the report the browser is shown are written to the run, so the host answering the
-- browser can read them.
ALTER TABLE "ImportRun" ADD COLUMN "options" JSONB, ADD COLUMN "progress" JSONB, ADD COLUMN "result" TEXT;
-- "result" is text, not jsonb: jsonb reorders an object's keys, and the report's rows (its counts)
-- keep the order the importer gave them.

CREATE TABLE "ImportUpload" (
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    CONSTRAINT "ImportUpload_pkey" PRIMARY KEY ("runId", "seq"),
    CONSTRAINT "ImportUpload_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ImportRun"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The queue's claim reads the oldest queued run: a small partial index, empty most of the time.
CREATE INDEX "ImportRun_queued_idx" ON "ImportRun" ("startedAt") WHERE "status" = 'queued';

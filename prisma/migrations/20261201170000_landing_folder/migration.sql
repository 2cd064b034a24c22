-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "landingFolder" TEXT,
ADD COLUMN     "landingIntervalMinutes" INTEGER NOT NULL DEFAULT 15,
ADD COLUMN     "landingRetentionDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "staleAfterDays" INTEGER NOT NULL DEFAULT 3;

-- AlterTable
ALTER TABLE "Provider" ADD COLUMN     "resultsAsOf" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Enrollment" ADD COLUMN     "dataAsOf" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN     "source" TEXT;

-- CreateTable
CREATE TABLE "LandingFile" (
    "id" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "filedAs" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "kind" TEXT,
    "mapping" TEXT,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "runId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LandingFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobSchedule" (
    "name" TEXT NOT NULL,
    "everySeconds" INTEGER NOT NULL,
    "nextRunAt" TIMESTAMP(3) NOT NULL,
    "lastStartedAt" TIMESTAMP(3),
    "lastFinishedAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "JobSchedule_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "LandingFile_checksum_idx" ON "LandingFile"("checksum");

-- CreateIndex
CREATE INDEX "LandingFile_createdAt_idx" ON "LandingFile"("createdAt");

-- CreateEnum
CREATE TYPE "RiskLevel" AS ENUM ('LOW', 'MODERATE', 'HIGH');

-- CreateEnum
CREATE TYPE "PlanType" AS ENUM ('CREDIT_RECOVERY', 'ATTENDANCE', 'BEHAVIOR', 'ACADEMIC_SUPPORT', 'SOCIAL_EMOTIONAL', 'FAMILY_ENGAGEMENT', 'OTHER');

-- CreateEnum
CREATE TYPE "PlanStatus" AS ENUM ('ACTIVE', 'MET', 'NOT_MET', 'DISCONTINUED');

-- CreateEnum
CREATE TYPE "PlanMetric" AS ENUM ('ATTENDANCE_RATE', 'COURSE_ON_PACE', 'CREDITS_EARNED', 'SUSPENSIONS', 'OTHER');

-- CreateEnum
CREATE TYPE "PlanProgress" AS ENUM ('NO_PROGRESS', 'SOME_PROGRESS', 'ON_TRACK', 'GOAL_MET');

-- CreateEnum
CREATE TYPE "GuardianRelationship" AS ENUM ('MOTHER', 'FATHER', 'PARENT', 'GUARDIAN', 'GRANDPARENT', 'SIBLING', 'RELATIVE', 'FOSTER_PARENT', 'OTHER');

-- CreateEnum
CREATE TYPE "ContactMethod" AS ENUM ('PHONE', 'EMAIL', 'TEXT', 'MEETING', 'HOME_VISIT', 'LETTER');

-- CreateEnum
CREATE TYPE "ContactOutcome" AS ENUM ('REACHED', 'LEFT_MESSAGE', 'NO_ANSWER', 'WRONG_NUMBER', 'SENT');

-- AlterTable
ALTER TABLE "Note" ADD COLUMN     "restricted" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "NoteShare" (
    "noteId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sharedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NoteShare_pkey" PRIMARY KEY ("noteId","userId")
);

-- CreateTable
CREATE TABLE "RiskSnapshot" (
    "studentId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "level" "RiskLevel" NOT NULL,
    "reasons" TEXT[],
    "counselorId" TEXT,
    "schoolId" TEXT NOT NULL,
    "behindCourses" INTEGER NOT NULL DEFAULT 0,
    "inactiveCourses" INTEGER NOT NULL DEFAULT 0,
    "creditsEarned" DECIMAL(6,2) NOT NULL,

    CONSTRAINT "RiskSnapshot_pkey" PRIMARY KEY ("studentId","day")
);

-- CreateTable
CREATE TABLE "TodayDismissal" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "until" DATE,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TodayDismissal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterventionPlan" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "type" "PlanType" NOT NULL,
    "tier" INTEGER NOT NULL,
    "goal" TEXT NOT NULL,
    "metric" "PlanMetric" NOT NULL,
    "targetValue" DECIMAL(6,2),
    "targetEnrollmentId" TEXT,
    "targetText" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "nextFollowUp" DATE,
    "status" "PlanStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusReason" TEXT,
    "closedOn" DATE,
    "clientKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InterventionPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlanCheckIn" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "note" TEXT NOT NULL,
    "progress" "PlanProgress" NOT NULL,
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlanCheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Guardian" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "relationship" "GuardianRelationship" NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    "preferredLanguage" TEXT NOT NULL DEFAULT 'en',
    "noContact" BOOLEAN NOT NULL DEFAULT false,
    "rightsHolder" BOOLEAN NOT NULL DEFAULT false,
    "interpreter" BOOLEAN NOT NULL DEFAULT false,
    "sourcedId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Guardian_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "guardianId" TEXT,
    "withWhom" TEXT NOT NULL,
    "method" "ContactMethod",
    "outcome" "ContactOutcome",
    "outreach" BOOLEAN NOT NULL DEFAULT false,
    "occurredOn" DATE NOT NULL,
    "summary" TEXT NOT NULL,
    "nextStep" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "noteId" TEXT,
    "clientKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NoteShare_userId_idx" ON "NoteShare"("userId");

-- CreateIndex
CREATE INDEX "RiskSnapshot_day_schoolId_idx" ON "RiskSnapshot"("day", "schoolId");

-- CreateIndex
CREATE INDEX "RiskSnapshot_day_counselorId_idx" ON "RiskSnapshot"("day", "counselorId");

-- CreateIndex
CREATE INDEX "TodayDismissal_userId_studentId_idx" ON "TodayDismissal"("userId", "studentId");

-- CreateIndex
CREATE UNIQUE INDEX "TodayDismissal_userId_studentId_reason_key_key" ON "TodayDismissal"("userId", "studentId", "reason", "key");

-- CreateIndex
CREATE INDEX "InterventionPlan_studentId_status_idx" ON "InterventionPlan"("studentId", "status");

-- CreateIndex
CREATE INDEX "InterventionPlan_ownerId_status_nextFollowUp_idx" ON "InterventionPlan"("ownerId", "status", "nextFollowUp");

-- CreateIndex
CREATE INDEX "InterventionPlan_status_nextFollowUp_idx" ON "InterventionPlan"("status", "nextFollowUp");

-- CreateIndex
CREATE UNIQUE INDEX "InterventionPlan_createdById_clientKey_key" ON "InterventionPlan"("createdById", "clientKey");

-- CreateIndex
CREATE INDEX "PlanCheckIn_planId_date_idx" ON "PlanCheckIn"("planId", "date");

-- CreateIndex
CREATE INDEX "Guardian_studentId_idx" ON "Guardian"("studentId");

-- CreateIndex
CREATE UNIQUE INDEX "Guardian_studentId_sourcedId_key" ON "Guardian"("studentId", "sourcedId");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_noteId_key" ON "Contact"("noteId");

-- CreateIndex
CREATE INDEX "Contact_studentId_occurredOn_idx" ON "Contact"("studentId", "occurredOn");

-- CreateIndex
CREATE UNIQUE INDEX "Contact_authorId_clientKey_key" ON "Contact"("authorId", "clientKey");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_userId_name_key" ON "SavedView"("userId", "name");

-- AddForeignKey
ALTER TABLE "NoteShare" ADD CONSTRAINT "NoteShare_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteShare" ADD CONSTRAINT "NoteShare_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteShare" ADD CONSTRAINT "NoteShare_sharedById_fkey" FOREIGN KEY ("sharedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RiskSnapshot" ADD CONSTRAINT "RiskSnapshot_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TodayDismissal" ADD CONSTRAINT "TodayDismissal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TodayDismissal" ADD CONSTRAINT "TodayDismissal_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterventionPlan" ADD CONSTRAINT "InterventionPlan_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterventionPlan" ADD CONSTRAINT "InterventionPlan_targetEnrollmentId_fkey" FOREIGN KEY ("targetEnrollmentId") REFERENCES "Enrollment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterventionPlan" ADD CONSTRAINT "InterventionPlan_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterventionPlan" ADD CONSTRAINT "InterventionPlan_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanCheckIn" ADD CONSTRAINT "PlanCheckIn_planId_fkey" FOREIGN KEY ("planId") REFERENCES "InterventionPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanCheckIn" ADD CONSTRAINT "PlanCheckIn_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Guardian" ADD CONSTRAINT "Guardian_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_guardianId_fkey" FOREIGN KEY ("guardianId") REFERENCES "Guardian"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Contact" ADD CONSTRAINT "Contact_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Guardians are written by the OneRoster import (agents): record what a run changed, as for the
-- other imported tables (migration 20261201180000_import_changes).
CREATE TRIGGER "import_change_guardian_ins" AFTER INSERT ON "Guardian" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_guardian_upd" AFTER UPDATE ON "Guardian" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');
CREATE TRIGGER "import_change_guardian_del" AFTER DELETE ON "Guardian" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "import_change_capture"('id');

-- Nothing lost: every FAMILY_CONTACT note becomes a contact in the log, linked to its note (which
-- stays, with its text). Method and outcome were never recorded, so they stay empty. The day is
-- the note's in America/New_York, the default DISTRICT_TIME_ZONE (lib/time.ts).
INSERT INTO "Contact" ("id", "studentId", "withWhom", "outreach", "occurredOn", "summary", "nextStep", "authorId", "noteId", "createdAt")
SELECT 'n_' || n."id", n."studentId", 'Family', false,
       (n."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'America/New_York')::date,
       n."body", '', n."authorId", n."id", n."createdAt"
FROM "Note" n
WHERE n."kind" = 'FAMILY_CONTACT';

-- DropIndex
DROP INDEX "StatusEvent_studentId_effectiveDate_idx";

-- DropIndex
DROP INDEX "CourseAssessment_courseId_position_key";

-- AlterTable
ALTER TABLE "StudentYear" ADD COLUMN     "englishLearner" BOOLEAN,
ADD COLUMN     "lowIncome" BOOLEAN,
ADD COLUMN     "specialEducation" BOOLEAN;

-- AlterTable
ALTER TABLE "StatusEvent" ADD COLUMN     "sequence" BIGSERIAL NOT NULL;

-- Existing events keep the order they had (recorded time, then id), numbered from 1.
UPDATE "StatusEvent" e SET "sequence" = o.n
  FROM (SELECT id, row_number() OVER (ORDER BY "createdAt", id) AS n FROM "StatusEvent") o
  WHERE o.id = e.id;
SELECT setval(pg_get_serial_sequence('"StatusEvent"', 'sequence'), COALESCE((SELECT max("sequence") FROM "StatusEvent"), 0) + 1, false);

-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "passingGrade" INTEGER NOT NULL DEFAULT 60;

-- AlterTable
ALTER TABLE "OnlineCourse" ADD COLUMN     "currentVersion" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "passingGrade" INTEGER,
ADD COLUMN     "recovers" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "CourseAssessment" ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Enrollment" ADD COLUMN     "courseVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "PasswordSetToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "PasswordSetToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SetupToken" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SetupToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PasswordSetToken_tokenHash_key" ON "PasswordSetToken"("tokenHash");

-- CreateIndex
CREATE INDEX "PasswordSetToken_userId_idx" ON "PasswordSetToken"("userId");

-- CreateIndex
CREATE INDEX "StatusEvent_studentId_effectiveDate_sequence_idx" ON "StatusEvent"("studentId", "effectiveDate", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "CourseAssessment_courseId_version_position_key" ON "CourseAssessment"("courseId", "version", "position");

-- AddForeignKey
ALTER TABLE "PasswordSetToken" ADD CONSTRAINT "PasswordSetToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


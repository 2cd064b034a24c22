-- Rigor guardrails (issue #18, lib/enrollments/guardrails.ts): the district's policy per program
-- type, a course's own limits, whether an attempt was proctored, and an administrator's override
-- of broken guardrails at completion. Every new column is nullable or has a default, so existing
-- rows keep their meaning (no policy = no guardrails; proctored null = not stated).

-- CreateEnum
CREATE TYPE "GuardrailMode" AS ENUM ('REFUSE', 'WARN');

-- CreateTable
CREATE TABLE "RigorPolicy" (
    "programType" "ProgramType" NOT NULL,
    "minDaysEnrolled" INTEGER,
    "minActiveMinutesPerCredit" INTEGER,
    "requireProctoredSummative" BOOLEAN NOT NULL DEFAULT false,
    "maxAttemptsPerAssessment" INTEGER,
    "maxConcurrentPerStudent" INTEGER,
    "priorityGrades" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "priorityNote" TEXT,
    "mode" "GuardrailMode" NOT NULL DEFAULT 'REFUSE',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RigorPolicy_pkey" PRIMARY KEY ("programType")
);

-- AlterTable
ALTER TABLE "OnlineCourse" ADD COLUMN     "minDaysEnrolled" INTEGER,
ADD COLUMN     "minActiveMinutesPerCredit" INTEGER,
ADD COLUMN     "requireProctoredSummative" BOOLEAN,
ADD COLUMN     "maxAttemptsPerAssessment" INTEGER;

-- AlterTable
ALTER TABLE "AssessmentResult" ADD COLUMN     "proctored" BOOLEAN;

-- AlterTable
ALTER TABLE "Enrollment" ADD COLUMN     "overrideReason" TEXT,
ADD COLUMN     "overrideById" TEXT,
ADD COLUMN     "overrideAt" TIMESTAMP(3),
ADD COLUMN     "overrideBreaches" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_overrideById_fkey" FOREIGN KEY ("overrideById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

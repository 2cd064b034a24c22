-- Program quality report (issue #18, lib/reports/quality.ts): what the district pays each provider
-- per school year (cost per credit), its course sequence (completers' next course), and state test
-- results (pass rate beside external proficiency). All new tables; one new settings column with a
-- default, so existing rows keep their meaning.

-- AlterTable
ALTER TABLE "DistrictSettings" ADD COLUMN     "proficientLevels" TEXT[] DEFAULT ARRAY['Proficient', 'Advanced', 'Meeting Expectations', 'Exceeding Expectations', 'Meets', 'Exceeds', 'Mastery', 'Distinguished']::TEXT[];

-- CreateTable
CREATE TABLE "ProviderContract" (
    "providerId" TEXT NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "cost" DECIMAL(12,2) NOT NULL,
    "note" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProviderContract_pkey" PRIMARY KEY ("providerId","schoolYear")
);

-- CreateTable
CREATE TABLE "CourseSequence" (
    "courseCode" TEXT NOT NULL,
    "nextCode" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CourseSequence_pkey" PRIMARY KEY ("courseCode","nextCode")
);

-- CreateTable
CREATE TABLE "StateTestResult" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "test" TEXT NOT NULL,
    "subjectArea" "SubjectArea" NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "scaledScore" DECIMAL(8,2),
    "level" TEXT NOT NULL,
    "proficient" BOOLEAN,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StateTestResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "StateTestResult_studentId_test_schoolYear_key" ON "StateTestResult"("studentId", "test", "schoolYear");

-- CreateIndex
CREATE INDEX "StateTestResult_subjectArea_schoolYear_idx" ON "StateTestResult"("subjectArea", "schoolYear");

-- AddForeignKey
ALTER TABLE "ProviderContract" ADD CONSTRAINT "ProviderContract_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StateTestResult" ADD CONSTRAINT "StateTestResult_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

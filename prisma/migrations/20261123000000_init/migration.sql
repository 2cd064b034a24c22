
-- CreateEnum
CREATE TYPE "Role" AS ENUM ('COUNSELOR', 'SCHOOL_ADMIN', 'DISTRICT_ADMIN');

-- CreateEnum
CREATE TYPE "RaceEthnicity" AS ENUM ('HISPANIC_LATINO', 'AMERICAN_INDIAN_ALASKA_NATIVE', 'ASIAN', 'BLACK_AFRICAN_AMERICAN', 'NATIVE_HAWAIIAN_PACIFIC_ISLANDER', 'WHITE', 'TWO_OR_MORE');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('FEMALE', 'MALE', 'NON_BINARY');

-- CreateEnum
CREATE TYPE "StudentStatus" AS ENUM ('ENROLLED', 'GRADUATED', 'DROPPED_OUT', 'TRANSFERRED_OUT', 'EMIGRATED', 'DECEASED');

-- CreateEnum
CREATE TYPE "StatusEventKind" AS ENUM ('ENTERED', 'GRADUATED', 'DROPPED_OUT', 'TRANSFERRED_OUT', 'EMIGRATED', 'DECEASED', 'REENGAGED', 'EARNED_EQUIVALENCY');

-- CreateEnum
CREATE TYPE "Credential" AS ENUM ('REGULAR_DIPLOMA', 'CERTIFICATE');

-- CreateEnum
CREATE TYPE "SubjectArea" AS ENUM ('ENGLISH', 'MATHEMATICS', 'SCIENCE', 'HISTORY_SOCIAL_STUDIES', 'WORLD_LANGUAGE', 'ARTS', 'ELECTIVE');

-- CreateEnum
CREATE TYPE "ProgramType" AS ENUM ('CREDIT_RECOVERY', 'ORIGINAL_CREDIT', 'ADVANCED_PLACEMENT', 'SKILL_DEVELOPMENT', 'DROPOUT_PREVENTION');

-- CreateEnum
CREATE TYPE "AssessmentKind" AS ENUM ('FORMATIVE', 'SUMMATIVE');

-- CreateEnum
CREATE TYPE "EnrollmentStatus" AS ENUM ('ACTIVE', 'COMPLETED', 'WITHDRAWN', 'FAILED');

-- CreateEnum
CREATE TYPE "NoteKind" AS ENUM ('CHECK_IN', 'FAMILY_CONTACT', 'OTHER');

-- CreateEnum
CREATE TYPE "ResultSource" AS ENUM ('MANUAL', 'IMPORT');

-- CreateTable
CREATE TABLE "School" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "stateCode" TEXT NOT NULL,
    "lowestGrade" INTEGER NOT NULL DEFAULT 9,
    "highestGrade" INTEGER NOT NULL DEFAULT 12,
    "sourcedId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "School_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "schoolId" TEXT,
    "passwordHash" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sourcedId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "firstFailureAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Student" (
    "id" TEXT NOT NULL,
    "sisId" TEXT NOT NULL,
    "stateId" TEXT,
    "sourcedId" TEXT,
    "firstName" TEXT NOT NULL,
    "middleName" TEXT,
    "lastName" TEXT NOT NULL,
    "birthDate" DATE NOT NULL,
    "schoolId" TEXT NOT NULL,
    "gradeLevel" INTEGER NOT NULL,
    "cohortYear" INTEGER NOT NULL,
    "firstNinthGradeYear" INTEGER,
    "raceEthnicity" "RaceEthnicity" NOT NULL,
    "gender" "Gender" NOT NULL,
    "englishLearner" BOOLEAN NOT NULL DEFAULT false,
    "specialEducation" BOOLEAN NOT NULL DEFAULT false,
    "lowIncome" BOOLEAN NOT NULL DEFAULT false,
    "counselorId" TEXT,
    "status" "StudentStatus" NOT NULL DEFAULT 'ENROLLED',
    "statusDate" DATE,
    "attendanceRate" DECIMAL(5,2),
    "suspensions" INTEGER NOT NULL DEFAULT 0,
    "coursesFailedThisYear" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Student_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudentYear" (
    "studentId" TEXT NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "schoolId" TEXT NOT NULL,
    "gradeLevel" INTEGER NOT NULL,
    "enrolledOct1" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "StudentYear_pkey" PRIMARY KEY ("studentId","schoolYear")
);

-- CreateTable
CREATE TABLE "StatusEvent" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "kind" "StatusEventKind" NOT NULL,
    "effectiveDate" DATE NOT NULL,
    "schoolId" TEXT NOT NULL,
    "gradeLevel" INTEGER,
    "transferIn" BOOLEAN,
    "documented" BOOLEAN,
    "credential" "Credential",
    "reason" TEXT,
    "recordedById" TEXT,
    "sourceKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GraduationRequirement" (
    "subjectArea" "SubjectArea" NOT NULL,
    "credits" DECIMAL(4,1) NOT NULL,

    CONSTRAINT "GraduationRequirement_pkey" PRIMARY KEY ("subjectArea")
);

-- CreateTable
CREATE TABLE "DistrictSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL DEFAULT 'Demo Public Schools',
    "totalCreditsRequired" DECIMAL(4,1) NOT NULL DEFAULT 22,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DistrictSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TranscriptCourse" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "courseCode" TEXT NOT NULL,
    "courseTitle" TEXT NOT NULL,
    "subjectArea" "SubjectArea" NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "term" TEXT NOT NULL,
    "grade" TEXT NOT NULL,
    "creditsAttempted" DECIMAL(4,2) NOT NULL,
    "creditsEarned" DECIMAL(4,2) NOT NULL,
    "enrollmentId" TEXT,
    "sourceKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TranscriptCourse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Provider" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OnlineCourse" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "providerCourseCode" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "subjectArea" "SubjectArea" NOT NULL,
    "programType" "ProgramType" NOT NULL,
    "credits" DECIMAL(3,1) NOT NULL,
    "masteryThreshold" INTEGER NOT NULL,
    "expectedWeeks" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "OnlineCourse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourseAssessment" (
    "id" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "kind" "AssessmentKind" NOT NULL,
    "weight" DECIMAL(5,2) NOT NULL,
    "maxScore" DECIMAL(6,2) NOT NULL,

    CONSTRAINT "CourseAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrollment" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "replacesId" TEXT,
    "enrolledById" TEXT,
    "startDate" DATE NOT NULL,
    "targetDate" DATE NOT NULL,
    "status" "EnrollmentStatus" NOT NULL DEFAULT 'ACTIVE',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "finalGrade" DECIMAL(5,2),
    "creditAwarded" DECIMAL(3,1),
    "endedOn" DATE,
    "endReason" TEXT,
    "lastActivityOn" DATE,
    "sourceKey" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentResult" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "score" DECIMAL(6,2) NOT NULL,
    "attempt" INTEGER NOT NULL,
    "takenOn" DATE NOT NULL,
    "recordedById" TEXT,
    "source" "ResultSource" NOT NULL DEFAULT 'MANUAL',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssessmentResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Note" (
    "id" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "kind" "NoteKind" NOT NULL,
    "body" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userId" TEXT,
    "action" TEXT NOT NULL,
    "studentId" TEXT,
    "entity" TEXT,
    "entityId" TEXT,
    "details" JSONB,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "checksum" TEXT NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "partial" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "userId" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "counts" JSONB,
    "errors" JSONB,

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "School_stateCode_key" ON "School"("stateCode");

-- CreateIndex
CREATE UNIQUE INDEX "School_sourcedId_key" ON "School"("sourcedId");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_sourcedId_key" ON "User"("sourcedId");

-- CreateIndex
CREATE INDEX "User_schoolId_role_idx" ON "User"("schoolId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Student_sisId_key" ON "Student"("sisId");

-- CreateIndex
CREATE UNIQUE INDEX "Student_stateId_key" ON "Student"("stateId");

-- CreateIndex
CREATE UNIQUE INDEX "Student_sourcedId_key" ON "Student"("sourcedId");

-- CreateIndex
CREATE INDEX "Student_counselorId_status_idx" ON "Student"("counselorId", "status");

-- CreateIndex
CREATE INDEX "Student_schoolId_status_idx" ON "Student"("schoolId", "status");

-- CreateIndex
CREATE INDEX "Student_schoolId_cohortYear_idx" ON "Student"("schoolId", "cohortYear");

-- CreateIndex
CREATE INDEX "Student_cohortYear_idx" ON "Student"("cohortYear");

-- CreateIndex
CREATE INDEX "Student_lastName_firstName_idx" ON "Student"("lastName", "firstName");

-- CreateIndex
CREATE INDEX "StudentYear_schoolYear_schoolId_idx" ON "StudentYear"("schoolYear", "schoolId");

-- CreateIndex
CREATE UNIQUE INDEX "StatusEvent_sourceKey_key" ON "StatusEvent"("sourceKey");

-- CreateIndex
CREATE INDEX "StatusEvent_studentId_effectiveDate_idx" ON "StatusEvent"("studentId", "effectiveDate");

-- CreateIndex
CREATE INDEX "StatusEvent_kind_effectiveDate_idx" ON "StatusEvent"("kind", "effectiveDate");

-- CreateIndex
CREATE UNIQUE INDEX "TranscriptCourse_enrollmentId_key" ON "TranscriptCourse"("enrollmentId");

-- CreateIndex
CREATE UNIQUE INDEX "TranscriptCourse_sourceKey_key" ON "TranscriptCourse"("sourceKey");

-- CreateIndex
CREATE INDEX "TranscriptCourse_studentId_subjectArea_idx" ON "TranscriptCourse"("studentId", "subjectArea");

-- CreateIndex
CREATE UNIQUE INDEX "Provider_code_key" ON "Provider"("code");

-- CreateIndex
CREATE INDEX "OnlineCourse_subjectArea_programType_idx" ON "OnlineCourse"("subjectArea", "programType");

-- CreateIndex
CREATE UNIQUE INDEX "OnlineCourse_providerId_providerCourseCode_key" ON "OnlineCourse"("providerId", "providerCourseCode");

-- CreateIndex
CREATE UNIQUE INDEX "CourseAssessment_courseId_position_key" ON "CourseAssessment"("courseId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Enrollment_sourceKey_key" ON "Enrollment"("sourceKey");

-- CreateIndex
CREATE INDEX "Enrollment_studentId_status_idx" ON "Enrollment"("studentId", "status");

-- CreateIndex
CREATE INDEX "Enrollment_courseId_status_idx" ON "Enrollment"("courseId", "status");

-- CreateIndex
CREATE INDEX "Enrollment_status_endedOn_idx" ON "Enrollment"("status", "endedOn");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentResult_enrollmentId_assessmentId_attempt_key" ON "AssessmentResult"("enrollmentId", "assessmentId", "attempt");

-- CreateIndex
CREATE INDEX "Note_studentId_createdAt_idx" ON "Note"("studentId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_studentId_at_idx" ON "AuditEvent"("studentId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_userId_at_idx" ON "AuditEvent"("userId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE INDEX "ImportRun_startedAt_idx" ON "ImportRun"("startedAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Student" ADD CONSTRAINT "Student_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Student" ADD CONSTRAINT "Student_counselorId_fkey" FOREIGN KEY ("counselorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudentYear" ADD CONSTRAINT "StudentYear_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudentYear" ADD CONSTRAINT "StudentYear_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusEvent" ADD CONSTRAINT "StatusEvent_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusEvent" ADD CONSTRAINT "StatusEvent_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusEvent" ADD CONSTRAINT "StatusEvent_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TranscriptCourse" ADD CONSTRAINT "TranscriptCourse_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TranscriptCourse" ADD CONSTRAINT "TranscriptCourse_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OnlineCourse" ADD CONSTRAINT "OnlineCourse_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CourseAssessment" ADD CONSTRAINT "CourseAssessment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "OnlineCourse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_courseId_fkey" FOREIGN KEY ("courseId") REFERENCES "OnlineCourse"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_replacesId_fkey" FOREIGN KEY ("replacesId") REFERENCES "TranscriptCourse"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_enrolledById_fkey" FOREIGN KEY ("enrolledById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentResult" ADD CONSTRAINT "AssessmentResult_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentResult" ADD CONSTRAINT "AssessmentResult_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "CourseAssessment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentResult" ADD CONSTRAINT "AssessmentResult_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Note" ADD CONSTRAINT "Note_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Note" ADD CONSTRAINT "Note_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "Student"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportRun" ADD CONSTRAINT "ImportRun_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- One ACTIVE enrollment per student and course (Prisma cannot express a partial unique index).
CREATE UNIQUE INDEX "Enrollment_one_active_per_course" ON "Enrollment"("studentId", "courseId") WHERE "status" = 'ACTIVE';

-- CreateTable
CREATE TABLE "AuditEventStudent" (
    "eventId" BIGINT NOT NULL,
    "studentId" TEXT NOT NULL,

    CONSTRAINT "AuditEventStudent_pkey" PRIMARY KEY ("eventId","studentId")
);

-- CreateIndex
CREATE INDEX "AuditEventStudent_studentId_idx" ON "AuditEventStudent"("studentId");

-- AddForeignKey
ALTER TABLE "AuditEventStudent" ADD CONSTRAINT "AuditEventStudent_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AuditEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- AlterTable
ALTER TABLE "PlanCheckIn" ADD COLUMN     "clientKey" TEXT;

-- AlterTable
ALTER TABLE "Guardian" ADD COLUMN     "clientKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "PlanCheckIn_authorId_clientKey_key" ON "PlanCheckIn"("authorId", "clientKey");

-- CreateIndex
CREATE UNIQUE INDEX "Guardian_studentId_clientKey_key" ON "Guardian"("studentId", "clientKey");


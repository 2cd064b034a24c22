-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN     "heartbeatAt" TIMESTAMP(3);

-- A counselor assigned in CreditTrack by an administrator (lib/users/reassign.ts) is kept by a
-- roster import until the file names the same counselor (lib/imports/oneroster/plan.ts). The
-- Student capture triggers (20261201180000_import_changes) copy whole rows, so a run that clears
-- a pin is reverted with it.

-- AlterTable
ALTER TABLE "Student" ADD COLUMN     "counselorPinnedAt" TIMESTAMP(3),
ADD COLUMN     "counselorPinnedById" TEXT;

-- AddForeignKey
ALTER TABLE "Student" ADD CONSTRAINT "Student_counselorPinnedById_fkey" FOREIGN KEY ("counselorPinnedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

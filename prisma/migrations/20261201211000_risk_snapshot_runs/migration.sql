-- CreateTable
CREATE TABLE "RiskSnapshotRun" (
    "day" DATE NOT NULL,
    "students" INTEGER NOT NULL,
    "changed" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "RiskSnapshotRun_pkey" PRIMARY KEY ("day")
);


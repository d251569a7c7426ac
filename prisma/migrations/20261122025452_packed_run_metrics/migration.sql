-- DropForeignKey
ALTER TABLE "MetricBucket" DROP CONSTRAINT "MetricBucket_labelId_fkey";

-- DropIndex
DROP INDEX "RendezvousRelease_runId_at_idx";

-- DropIndex
DROP INDEX "RunLabel_runId_label_kind_key";

-- AlterTable
ALTER TABLE "RunLabel" DROP CONSTRAINT "RunLabel_pkey",
DROP COLUMN "id",
ADD COLUMN     "index" INTEGER NOT NULL,
ADD CONSTRAINT "RunLabel_pkey" PRIMARY KEY ("runId", "index");

-- AlterTable
ALTER TABLE "RunSecond" ADD COLUMN     "data" BYTEA,
ADD COLUMN     "errors" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "firstStartMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "lastEndMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "maxMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "minMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "p95Ms" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "samples" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sumMs" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- DropTable
DROP TABLE "MetricBucket";

-- CreateTable
CREATE TABLE "RunRollup" (
    "runId" TEXT NOT NULL,
    "resolution" INTEGER NOT NULL,
    "start" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "RunRollup_pkey" PRIMARY KEY ("runId","resolution","start")
);

-- CreateIndex
CREATE UNIQUE INDEX "RendezvousRelease_runId_name_at_key" ON "RendezvousRelease"("runId", "name", "at");

-- CreateIndex
CREATE UNIQUE INDEX "RunLabel_runId_module_label_kind_key" ON "RunLabel"("runId", "module", "label", "kind");

-- AddForeignKey
ALTER TABLE "RunRollup" ADD CONSTRAINT "RunRollup_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

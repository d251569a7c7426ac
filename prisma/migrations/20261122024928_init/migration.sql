-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('admin', 'tester', 'viewer');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'completed', 'cancelled', 'failed', 'interrupted');

-- CreateEnum
CREATE TYPE "RunSource" AS ENUM ('engine', 'jmeter_jtl', 'jmeter_log');

-- CreateEnum
CREATE TYPE "SampleKind" AS ENUM ('request', 'transaction', 'rendezvous_wait');

-- CreateEnum
CREATE TYPE "ReleaseReason" AS ENUM ('policy', 'timeout', 'stop');

-- CreateEnum
CREATE TYPE "SummaryScope" AS ENUM ('label', 'module', 'total');

-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('jtl_csv', 'jtl_xml', 'summariser_log', 'jmx');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('processing', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "ProblemStatus" AS ENUM ('open', 'in_progress', 'resolved', 'wont_fix');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('critical', 'major', 'minor', 'trivial');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "UserRole" NOT NULL DEFAULT 'tester',
    "passwordHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Module" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Module_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Interface" (
    "id" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "urlPattern" TEXT NOT NULL,
    "name" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Interface_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Scenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "source" "RunSource" NOT NULL DEFAULT 'engine',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelRequestedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "workerId" TEXT,
    "scenarios" JSONB NOT NULL,
    "overrides" JSONB,
    "thresholds" JSONB,
    "thresholdResults" JSONB,
    "summary" JSONB,
    "error" TEXT,
    "startedById" TEXT,
    "startedByName" TEXT,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunScenario" (
    "runId" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "RunScenario_pkey" PRIMARY KEY ("runId","scenarioId")
);

-- CreateTable
CREATE TABLE "RunLabel" (
    "id" SERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "kind" "SampleKind" NOT NULL,
    "method" TEXT,
    "url" TEXT,

    CONSTRAINT "RunLabel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricBucket" (
    "labelId" INTEGER NOT NULL,
    "second" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "errors" INTEGER NOT NULL,
    "errorsByKind" JSONB,
    "sumMs" DOUBLE PRECISION NOT NULL,
    "minMs" DOUBLE PRECISION NOT NULL,
    "maxMs" DOUBLE PRECISION NOT NULL,
    "latencySumMs" DOUBLE PRECISION NOT NULL,
    "connectSumMs" DOUBLE PRECISION NOT NULL,
    "bytesReceived" BIGINT NOT NULL,
    "bytesSent" BIGINT NOT NULL,
    "firstStartMs" BIGINT NOT NULL,
    "lastEndMs" BIGINT NOT NULL,
    "histogram" BYTEA NOT NULL,

    CONSTRAINT "MetricBucket_pkey" PRIMARY KEY ("labelId","second")
);

-- CreateTable
CREATE TABLE "RunSecond" (
    "runId" TEXT NOT NULL,
    "second" INTEGER NOT NULL,
    "activeVus" INTEGER NOT NULL,
    "droppedIterations" INTEGER NOT NULL DEFAULT 0,
    "cpuPct" DOUBLE PRECISION,
    "eventLoopLagMs" DOUBLE PRECISION,
    "openSockets" INTEGER,
    "saturated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "RunSecond_pkey" PRIMARY KEY ("runId","second")
);

-- CreateTable
CREATE TABLE "RendezvousRelease" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "at" BIGINT NOT NULL,
    "released" INTEGER NOT NULL,
    "reason" "ReleaseReason" NOT NULL,
    "skewMs" DOUBLE PRECISION,

    CONSTRAINT "RendezvousRelease_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunError" (
    "runId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "examples" JSONB NOT NULL,

    CONSTRAINT "RunError_pkey" PRIMARY KEY ("runId","label","kind")
);

-- CreateTable
CREATE TABLE "RunSummaryRow" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "scope" "SummaryScope" NOT NULL,
    "module" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "kind" "SampleKind",
    "method" TEXT,
    "url" TEXT,
    "samples" BIGINT NOT NULL,
    "errors" BIGINT NOT NULL,
    "sumMs" DOUBLE PRECISION NOT NULL,
    "minMs" DOUBLE PRECISION NOT NULL,
    "maxMs" DOUBLE PRECISION NOT NULL,
    "elapsedMs" BIGINT NOT NULL,
    "p50Ms" DOUBLE PRECISION,
    "p90Ms" DOUBLE PRECISION,
    "p95Ms" DOUBLE PRECISION,
    "p99Ms" DOUBLE PRECISION,
    "ratePerSec" DOUBLE PRECISION NOT NULL,
    "summaryLine" TEXT NOT NULL,

    CONSTRAINT "RunSummaryRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Import" (
    "id" TEXT NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'processing',
    "bytesTotal" BIGINT,
    "bytesRead" BIGINT NOT NULL DEFAULT 0,
    "samples" BIGINT NOT NULL DEFAULT 0,
    "error" TEXT,
    "report" JSONB,
    "runId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TestRound" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "date" DATE NOT NULL,
    "slowThresholdMs" INTEGER NOT NULL DEFAULT 3000,
    "notes" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TestRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundRun" (
    "roundId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RoundRun_pkey" PRIMARY KEY ("roundId","runId")
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "feature" TEXT NOT NULL,
    "secondsMin" DOUBLE PRECISION,
    "secondsMax" DOUBLE PRECISION,
    "status" TEXT,
    "note" TEXT,
    "observedAt" TIMESTAMP(3),
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Observation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Problem" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "ProblemStatus" NOT NULL DEFAULT 'open',
    "severity" "Severity" NOT NULL DEFAULT 'major',
    "owner" TEXT,
    "roundId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Problem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProblemModule" (
    "problemId" TEXT NOT NULL,
    "moduleId" TEXT NOT NULL,

    CONSTRAINT "ProblemModule_pkey" PRIMARY KEY ("problemId","moduleId")
);

-- CreateTable
CREATE TABLE "ProblemRun" (
    "problemId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,

    CONSTRAINT "ProblemRun_pkey" PRIMARY KEY ("problemId","runId")
);

-- CreateTable
CREATE TABLE "ProblemInterface" (
    "problemId" TEXT NOT NULL,
    "interfaceId" TEXT NOT NULL,

    CONSTRAINT "ProblemInterface_pkey" PRIMARY KEY ("problemId","interfaceId")
);

-- CreateTable
CREATE TABLE "ProblemNote" (
    "id" TEXT NOT NULL,
    "problemId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "status" "ProblemStatus",
    "author" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProblemNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShareLink" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorName" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT,
    "details" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "Module_name_key" ON "Module"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Interface_moduleId_method_urlPattern_key" ON "Interface"("moduleId", "method", "urlPattern");

-- CreateIndex
CREATE UNIQUE INDEX "Scenario_moduleId_name_key" ON "Scenario"("moduleId", "name");

-- CreateIndex
CREATE INDEX "Run_status_createdAt_idx" ON "Run"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "RunLabel_runId_label_kind_key" ON "RunLabel"("runId", "label", "kind");

-- CreateIndex
CREATE INDEX "RendezvousRelease_runId_at_idx" ON "RendezvousRelease"("runId", "at");

-- CreateIndex
CREATE INDEX "RunSummaryRow_runId_scope_idx" ON "RunSummaryRow"("runId", "scope");

-- CreateIndex
CREATE UNIQUE INDEX "Problem_number_key" ON "Problem"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ShareLink_tokenHash_key" ON "ShareLink"("tokenHash");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interface" ADD CONSTRAINT "Interface_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scenario" ADD CONSTRAINT "Scenario_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_startedById_fkey" FOREIGN KEY ("startedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunScenario" ADD CONSTRAINT "RunScenario_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunScenario" ADD CONSTRAINT "RunScenario_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunLabel" ADD CONSTRAINT "RunLabel_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricBucket" ADD CONSTRAINT "MetricBucket_labelId_fkey" FOREIGN KEY ("labelId") REFERENCES "RunLabel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunSecond" ADD CONSTRAINT "RunSecond_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RendezvousRelease" ADD CONSTRAINT "RendezvousRelease_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunError" ADD CONSTRAINT "RunError_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunSummaryRow" ADD CONSTRAINT "RunSummaryRow_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Import" ADD CONSTRAINT "Import_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundRun" ADD CONSTRAINT "RoundRun_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "TestRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundRun" ADD CONSTRAINT "RoundRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "TestRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Problem" ADD CONSTRAINT "Problem_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "TestRound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemModule" ADD CONSTRAINT "ProblemModule_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemModule" ADD CONSTRAINT "ProblemModule_moduleId_fkey" FOREIGN KEY ("moduleId") REFERENCES "Module"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemRun" ADD CONSTRAINT "ProblemRun_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemRun" ADD CONSTRAINT "ProblemRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemInterface" ADD CONSTRAINT "ProblemInterface_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemInterface" ADD CONSTRAINT "ProblemInterface_interfaceId_fkey" FOREIGN KEY ("interfaceId") REFERENCES "Interface"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemNote" ADD CONSTRAINT "ProblemNote_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "TestRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShareLink" ADD CONSTRAINT "ShareLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateEnum
CREATE TYPE "RunEventLevel" AS ENUM ('info', 'warning', 'error');

-- CreateEnum
CREATE TYPE "WebhookFormat" AS ENUM ('json', 'wecom', 'dingtalk', 'feishu', 'slack');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'delivered', 'failed');

-- CreateEnum
CREATE TYPE "AgentStatus" AS ENUM ('idle', 'busy', 'suspect', 'lost');

-- AlterEnum
ALTER TYPE "ReleaseReason" ADD VALUE 'unreachable';

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "scheduleId" TEXT;

-- AlterTable
ALTER TABLE "TestRound" ADD COLUMN     "moduleOrder" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "readyAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "timeZone" TEXT;

-- CreateTable
CREATE TABLE "RunEvent" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "level" "RunEventLevel" NOT NULL DEFAULT 'warning',
    "code" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "details" JSONB,

    CONSTRAINT "RunEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportSlowRow" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "method" TEXT,
    "url" TEXT NOT NULL,
    "avgMs" DOUBLE PRECISION NOT NULL,
    "samples" INTEGER,
    "note" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportSlowRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProblemRevision" (
    "id" BIGSERIAL NOT NULL,
    "problemId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorName" TEXT,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" "ProblemStatus" NOT NULL,
    "severity" "Severity" NOT NULL,
    "owner" TEXT,
    "moduleIds" TEXT[],
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "ProblemRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Schedule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "scenarioIds" TEXT[],
    "overrides" JSONB,
    "variables" JSONB,
    "thresholds" JSONB,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "catchUp" BOOLEAN NOT NULL DEFAULT false,
    "reportName" TEXT,
    "nextRunAt" TIMESTAMP(3),
    "lastFiredAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScheduleFire" (
    "scheduleId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "firedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "skipped" BOOLEAN NOT NULL DEFAULT false,
    "runId" TEXT,

    CONSTRAINT "ScheduleFire_pkey" PRIMARY KEY ("scheduleId","dueAt")
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "format" "WebhookFormat" NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT,
    "events" TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Webhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" BIGSERIAL NOT NULL,
    "webhookId" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastStatusCode" INTEGER,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "labels" JSONB NOT NULL DEFAULT '{}',
    "version" TEXT NOT NULL,
    "status" "AgentStatus" NOT NULL DEFAULT 'idle',
    "clockOffsetMs" DOUBLE PRECISION,
    "rttMs" DOUBLE PRECISION,
    "cpuPct" DOUBLE PRECISION,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "runId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunAgent" (
    "runId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "agentId" TEXT,
    "vuFrom" INTEGER NOT NULL,
    "vuTo" INTEGER NOT NULL,
    "lostAt" TIMESTAMP(3),
    "health" JSONB,

    CONSTRAINT "RunAgent_pkey" PRIMARY KEY ("runId","name")
);

-- CreateTable
CREATE TABLE "RunAgentSecond" (
    "runId" TEXT NOT NULL,
    "agentName" TEXT NOT NULL,
    "second" INTEGER NOT NULL,

    CONSTRAINT "RunAgentSecond_pkey" PRIMARY KEY ("runId","agentName","second")
);

-- CreateIndex
CREATE INDEX "RunEvent_runId_at_idx" ON "RunEvent"("runId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "RunEvent_runId_code_at_key" ON "RunEvent"("runId", "code", "at");

-- CreateIndex
CREATE INDEX "ReportSlowRow_roundId_idx" ON "ReportSlowRow"("roundId");

-- CreateIndex
CREATE INDEX "ProblemRevision_problemId_at_idx" ON "ProblemRevision"("problemId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Schedule_name_key" ON "Schedule"("name");

-- CreateIndex
CREATE INDEX "Schedule_enabled_nextRunAt_idx" ON "Schedule"("enabled", "nextRunAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_webhookId_event_subjectId_key" ON "WebhookDelivery"("webhookId", "event", "subjectId");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_name_key" ON "Agent"("name");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunEvent" ADD CONSTRAINT "RunEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportSlowRow" ADD CONSTRAINT "ReportSlowRow_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "TestRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProblemRevision" ADD CONSTRAINT "ProblemRevision_problemId_fkey" FOREIGN KEY ("problemId") REFERENCES "Problem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduleFire" ADD CONSTRAINT "ScheduleFire_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "Schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookDelivery" ADD CONSTRAINT "WebhookDelivery_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunAgent" ADD CONSTRAINT "RunAgent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunAgent" ADD CONSTRAINT "RunAgent_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "Agent"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunAgentSecond" ADD CONSTRAINT "RunAgentSecond_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Problems that exist before revisions were kept: one revision as created (status open), and one
-- at resolvedAt for those resolved since, so past reports read them as they stood then.
INSERT INTO "ProblemRevision" ("problemId", "at", "title", "description", "status", "severity", "owner", "moduleIds", "resolvedAt")
SELECT p."id", p."createdAt", p."title", p."description", 'open', p."severity", p."owner",
       COALESCE((SELECT array_agg(pm."moduleId") FROM "ProblemModule" pm WHERE pm."problemId" = p."id"), ARRAY[]::TEXT[]),
       NULL
FROM "Problem" p;
INSERT INTO "ProblemRevision" ("problemId", "at", "title", "description", "status", "severity", "owner", "moduleIds", "resolvedAt")
SELECT p."id", GREATEST(p."resolvedAt", p."createdAt" + interval '1 millisecond'), p."title", p."description", p."status", p."severity", p."owner",
       COALESCE((SELECT array_agg(pm."moduleId") FROM "ProblemModule" pm WHERE pm."problemId" = p."id"), ARRAY[]::TEXT[]),
       p."resolvedAt"
FROM "Problem" p WHERE p."status" <> 'open';

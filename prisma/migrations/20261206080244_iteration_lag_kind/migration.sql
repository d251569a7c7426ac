-- AlterEnum
ALTER TYPE "SampleKind" ADD VALUE 'iteration_lag';

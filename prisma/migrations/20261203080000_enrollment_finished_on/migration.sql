-- Issue #18: the day the work was finished, as the completion rule counted the days enrolled,
-- kept at completion so the quality report's "completed too fast" counts the same days as the
-- guardrail did. Null for completions recorded before (the report then counts to "endedOn").
ALTER TABLE "Enrollment" ADD COLUMN "finishedOn" DATE;

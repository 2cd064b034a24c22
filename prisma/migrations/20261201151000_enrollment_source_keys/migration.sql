-- Issue 15: the demo seed wrote Enrollment."sourceKey" as the provider's bare enrollment id
-- ("APEX-1000001-1"); the progress import matches, and the enrollments export reads, the form
-- "provider:<provider code>:<id>" (lib/enrollments/source-key.ts). Rewrite bare keys in that form,
-- the provider being the course's. A bare key whose rewritten form another enrollment already holds
-- is left as it is: the import still matches it within the student's course.
-- Data only: no schema change.
UPDATE "Enrollment" AS e
SET "sourceKey" = 'provider:' || p."code" || ':' || e."sourceKey"
FROM "OnlineCourse" AS c
JOIN "Provider" AS p ON p."id" = c."providerId"
WHERE c."id" = e."courseId"
  AND e."sourceKey" IS NOT NULL
  AND e."sourceKey" NOT LIKE 'provider:%'
  AND NOT EXISTS (
    SELECT 1 FROM "Enrollment" AS x WHERE x."sourceKey" = 'provider:' || p."code" || ':' || e."sourceKey"
  );

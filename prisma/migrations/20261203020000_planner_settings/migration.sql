-- The planner settings of every connection to this database (lib/dbconfig.ts PLANNER_OPTIONS, where
-- each is explained): set on the database, so that a connection through a pooler in transaction
-- mode, which cannot pass them as startup options (PgBouncer 1.18 refuses `options`), has them too
-- (DATABASE_POOLER, README "Several hosts and a pooler"). They apply to every new session.
-- A role that may not alter the database (neither its owner nor a superuser) sets them on itself:
-- every role may set its own defaults.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database());
  EXECUTE format('ALTER DATABASE %I SET max_parallel_workers_per_gather = 0', current_database());
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  ALTER ROLE CURRENT_USER SET random_page_cost = 1.1;
  ALTER ROLE CURRENT_USER SET max_parallel_workers_per_gather = 0;
  ALTER ROLE CURRENT_USER SET jit = off;
  RAISE NOTICE 'The planner settings were set on the role %, which may not alter database %.', current_user, current_database();
END $$;

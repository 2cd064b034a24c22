// Demo intervention plans and check-ins (issue 16): placeholder filled in by the plans work.
import type { Sql } from "./bulk";
import type { Rng } from "./prng";
import type { Day } from "./calendar";
import type { Learner } from "./enrollments";

export async function writePlans(_rng: Rng, _learners: Learner[], _asOf: Day, _sql: Sql): Promise<void> {}

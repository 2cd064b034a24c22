// Demo guardians and family contacts (issue 16): placeholder filled in by the family work.
import type { Sql } from "./bulk";
import type { Rng } from "./prng";
import type { Day } from "./calendar";
import type { Learner } from "./enrollments";

export async function writeFamily(_rng: Rng, _learners: Learner[], _asOf: Day, _sql: Sql): Promise<void> {}

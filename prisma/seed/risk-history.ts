// Demo risk history (issue 16): placeholder filled in by the Today work.
import type { Sql } from "./bulk";
import type { Day } from "./calendar";

export async function writeRiskHistory(_asOf: Day, _sql: Sql): Promise<void> {}

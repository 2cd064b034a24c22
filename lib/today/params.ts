import { z } from "zod";
import { isStorableText } from "@/lib/storable";
import { TODAY_DEFAULT, TODAY_MAX } from "./rules";

// The Today page's URL (bookmarkable): a bad value falls back to its default, as on the caseload.
const id = z.preprocess((v) => (v === "" ? undefined : v), z.string().max(40).refine(isStorableText).optional()).catch(undefined);
export const todayParamsSchema = z.object({
  school: id,
  counselor: id,
  limit: z.coerce.number().int().min(1).max(TODAY_MAX).default(TODAY_DEFAULT).catch(TODAY_DEFAULT),
});
export type TodayParams = z.output<typeof todayParamsSchema>;

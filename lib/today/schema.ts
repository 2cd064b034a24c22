import { z } from "zod";
import { dayField } from "@/lib/students/schema";
import { TODAY_REASONS } from "./rules";

// Inputs of the Today list's actions (issue 16).

/** Set an entry aside: dismissed for this occurrence, or snoozed to a day; a reason is required. */
export const dismissSchema = z
  .object({
    studentId: z.string().min(1),
    reason: z.enum(TODAY_REASONS, { error: "Unknown reason" }),
    key: z.string().min(1).max(200),
    how: z.enum(["dismiss", "snooze"], { error: "Choose dismiss or snooze" }),
    until: z.preprocess((v) => (v === "" ? undefined : v), dayField("the day it comes back").optional()),
    note: z.string().trim().min(1, "Say why").max(500, "At most 500 characters"),
  })
  .refine((v) => v.how === "dismiss" || v.until !== undefined, { path: ["until"], error: "Choose the day it comes back" });
export type DismissInput = z.output<typeof dismissSchema>;

export const restoreSchema = z.object({ dismissalId: z.string().min(1) });

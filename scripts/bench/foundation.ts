// Issue 2: the admin landing page (schools with student counts) for a district and a school admin.
import type { BenchContext } from "./harness";

export default async function foundation(ctx: BenchContext): Promise<void> {
  const district = await ctx.db.user.findFirstOrThrow({ where: { role: "DISTRICT_ADMIN", active: true } });
  const school = await ctx.db.user.findFirstOrThrow({ where: { role: "SCHOOL_ADMIN", active: true } });
  ctx.report({ area: "foundation", name: "admin landing, district admin (30 schools)", stats: await ctx.http(district.email, "/admin") });
  ctx.report({ area: "foundation", name: "admin landing, school admin", stats: await ctx.http(school.email, "/admin") });
}

import NextAuth from "next-auth";
import { authOptions, requestIsHttps } from "@/lib/auth";

// Built per request so that configuration is read at run time, not at build time.
type Ctx = { params: Promise<{ nextauth: string[] }> };
async function handler(req: Request, ctx: Ctx) {
  return NextAuth(req as never, { params: await ctx.params } as never, authOptions(requestIsHttps(req.headers.get("x-forwarded-proto"))));
}
export { handler as GET, handler as POST };

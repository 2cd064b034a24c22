import "server-only";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/access";

export type OwnSession = { id: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date; address: string | null; userAgent: string | null };

/** The viewer's sessions that have not been ended or expired (idle ones may still be listed until they are next checked). */
export async function ownAccount(viewer: Viewer, now = new Date()): Promise<{ hasPassword: boolean; sessions: OwnSession[] }> {
  const [user, sessions] = await Promise.all([
    db().user.findUnique({ where: { id: viewer.id }, select: { passwordHash: true } }),
    db().session.findMany({
      where: { userId: viewer.id, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { lastSeenAt: "desc" },
      select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, address: true, userAgent: true },
    }),
  ]);
  return { hasPassword: Boolean(user?.passwordHash), sessions };
}

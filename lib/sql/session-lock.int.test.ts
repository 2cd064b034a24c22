import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { embedded } from "@/lib/db";
import { withSessionLock } from "./session-lock";

useTestDatabase();

describe("withSessionLock", () => {
  it("runs the work once at a time across sessions: a second taker while it is held gets `busy`, then the lock is free again", async () => {
    const key = `test:session-lock:${Math.random()}`;
    let inner: string | undefined;
    const outer = await withSessionLock(key, "busy", async () => {
      // Another session (the helper opens its own connection each call) asks while the lock is held.
      inner = await withSessionLock(key, "busy", async () => "ran");
      return "ran";
    });
    expect(outer).toBe("ran");
    // On the embedded database there is one process: no lock to take, the work runs.
    expect(inner).toBe(embedded() ? "ran" : "busy");
    expect(await withSessionLock(key, "busy", async () => "ran again")).toBe("ran again");
  });

  it("releases the lock when the work throws", async () => {
    const key = `test:session-lock:${Math.random()}`;
    await expect(withSessionLock(key, "busy", async () => Promise.reject(new Error("failed")))).rejects.toThrow("failed");
    expect(await withSessionLock(key, "busy", async () => "ran")).toBe("ran");
  });
});

import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { embedded } from "@/lib/db";
import { underSessionLock, withSessionLock } from "./session-lock";

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

describe.runIf(!!process.env.DATABASE_URL)("underSessionLock", () => {
  it("waits its turn, and gives up after its wait when the holder does not let go", async () => {
    const key = `test:session-lock:${Math.random()}`;
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = underSessionLock(key, async () => {
      order.push("first in");
      await held;
      order.push("first out");
    });
    await new Promise((r) => setTimeout(r, 300));
    // A second session waits for the first (in turn, not refused) …
    const second = underSessionLock(key, async () => void order.push("second"), { waitSeconds: 10 });
    // … and a third with a 1-s wait gives up while the first still holds it, without running.
    await expect(underSessionLock(key, async () => void order.push("third"), { waitSeconds: 1 })).rejects.toThrow(/lock timeout/);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first in", "first out", "second"]);
  });
});

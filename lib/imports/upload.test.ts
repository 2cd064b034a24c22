import fs from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { saveUpload } from "@/lib/imports/upload";

const body = (...parts: string[]) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (const p of parts) c.enqueue(new TextEncoder().encode(p));
      c.close();
    },
  });

describe("saveUpload", () => {
  it("streams the body to a private temporary file", async () => {
    const u = await saveUpload(body("a,b\n", "1,2\n"), "../../etc/passwd.csv", 100, 8);
    expect(fs.readFileSync(u.file, "utf8")).toBe("a,b\n1,2\n");
    expect(u.file).not.toContain("..");
    await u.remove();
    expect(fs.existsSync(u.file)).toBe(false);
  });
  it("refuses a body over the limit", async () => {
    await expect(saveUpload(body("x".repeat(60), "y".repeat(60)), "big.csv", 100, null)).rejects.toThrow(/larger than/);
  });
  it("refuses a body shorter than its declared length (a cut-off upload)", async () => {
    await expect(saveUpload(body("a,b\n"), "cut.csv", 100, 10)).rejects.toThrow(/Only 4 of 10 bytes/);
  });
  it("refuses an empty body", async () => {
    await expect(saveUpload(body(), "empty.csv", 100, null)).rejects.toThrow(/empty/);
  });
  // A full disk: the file's stream emits "error", which had no listener — an uncaught exception that
  // ends the web server's worker — and the wait for "drain" never ended. /dev/full answers every
  // write with ENOSPC, as a full disk does.
  it("refuses the upload when the disk is full, removing its folder, without an uncaught error", async () => {
    const real = fs.createWriteStream;
    let dir = "";
    const spy = vi.spyOn(fs, "createWriteStream").mockImplementation(((file: string) => {
      dir = file.slice(0, file.lastIndexOf("/"));
      return real("/dev/full");
    }) as typeof fs.createWriteStream);
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    try {
      const big = "x".repeat(64 * 1024);
      await expect(saveUpload(body(big, big, big, big), "roster.csv", 1 << 20, null)).rejects.toThrow(/ENOSPC|no space/i);
      await new Promise((r) => setTimeout(r, 50));
      expect(uncaught).toEqual([]);
      expect(fs.existsSync(dir)).toBe(false);
    } finally {
      process.off("uncaughtException", onUncaught);
      spy.mockRestore();
    }
  });
});

import fs from "node:fs";
import { describe, expect, it } from "vitest";
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
});

import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DomainError } from "@/lib/safe-action";

// An uploaded file is streamed to a private temporary folder (never held in memory), refusing it
// as soon as it passes the size limit. The caller removes the folder when the import is done.

/** The temporary file's name for an upload named `name`: the importers read its extension. */
export function uploadFileName(name: string): string {
  return name.toLowerCase().endsWith(".zip") ? "upload.zip" : path.basename(name).replace(/[^\w.-]/g, "_");
}

export async function saveUpload(
  body: ReadableStream<Uint8Array> | null,
  name: string,
  limit: number,
  expectedBytes: number | null,
): Promise<{ file: string; remove: () => Promise<void> }> {
  if (!body) throw new DomainError("The upload was empty.");
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "ct-upload-"));
  const remove = () => fs.promises.rm(dir, { recursive: true, force: true });
  const file = path.join(dir, uploadFileName(name));
  const out = fs.createWriteStream(file, { mode: 0o600 });
  // A write that fails (a full disk) is an "error" event: kept here and thrown below, never left
  // unheard (an uncaught exception ends the server's worker), and it ends a wait for "drain".
  let failed: Error | null = null;
  out.on("error", (e) => (failed ??= e));
  let size = 0;
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > limit) throw new DomainError(`The file is larger than ${Math.round(limit / 1024 / 1024)} MB.`);
      if (failed) throw failed;
      if (!out.write(chunk))
        await new Promise<void>((resolve, reject) => {
          const onDrain = () => (out.off("error", onError), resolve());
          const onError = (e: Error) => (out.off("drain", onDrain), reject(e));
          out.once("drain", onDrain);
          out.once("error", onError);
        });
    }
    if (failed) throw failed;
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    if (size === 0) throw new DomainError("The upload was empty.");
    // A proxy in front of the route may pass on only the first part of a large body: refuse a
    // file that arrived shorter than the browser said it was, rather than import part of it.
    if (expectedBytes !== null && size !== expectedBytes)
      throw new DomainError(`Only ${size} of ${expectedBytes} bytes arrived; the file was not imported. Try again, or use the command line for very large files.`);
    return { file, remove };
  } catch (e) {
    out.destroy();
    await remove();
    throw e;
  }
}

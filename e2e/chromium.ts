import fs from "node:fs";
import { createRequire } from "node:module";

// Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH, or a browser Playwright installed.
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  try {
    const require = createRequire(import.meta.url);
    const own = (require("playwright-core") as typeof import("playwright-core")).chromium.executablePath();
    if (own && fs.existsSync(own)) return own;
  } catch {
    // no Playwright-managed browser
  }
  throw new Error("No Chromium found for the browser tests. Install Debian's: `sudo apt-get install -y chromium` " + "(or set CHROMIUM_PATH to a Chromium/Chrome binary).");
}

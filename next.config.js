const distDir = process.env.NEXT_DIST_DIR || ".next";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets several builds (e.g. parallel e2e runs) live side by side. Such side builds
  // skip Next's type-check step, which would rewrite tsconfig.json for each folder; the default
  // build (npm test) type-checks as usual, and `npm run typecheck` does it on its own. CI (.ci/run)
  // generates Next's route types first (`next typegen`, the same .next/types the build writes), so
  // its `npm run typecheck` checks them with the whole tree; its build then skips this second pass
  // over the same program (CT_TYPECHECKED=1; 36 s of the clean-clone build).
  distDir,
  typescript: { ignoreBuildErrors: distDir !== ".next" || process.env.CT_TYPECHECKED === "1" },
  // The embedded database (WASM + data files) and the pg driver load from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "pg-boss"],
  poweredByHeader: false,
  // The proxy (security headers) sees every request; let import uploads (lib/imports/schema.ts
  // MAX_UPLOAD_BYTES) through it whole instead of Next's default 10 MB.
  // Turbopack keeps a filesystem cache of each build for the next one; a CI run builds once in a
  // fresh clone and throws it away, so writing it only competes with the build ("Finished writing
  // to filesystem cache in 15.7s" in the clean-clone log). Local builds keep it.
  experimental: { proxyClientMaxBodySize: "200mb", turbopackFileSystemCacheForBuild: process.env.CI !== "true" },
};
export default nextConfig;

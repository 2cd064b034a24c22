const distDir = process.env.NEXT_DIST_DIR || ".next";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets several builds (e.g. parallel e2e runs) live side by side. Such side builds
  // skip Next's type-check step, which would rewrite tsconfig.json for each folder; the default
  // build (npm test, CI) type-checks as usual, and `npm run typecheck` does it on its own.
  distDir,
  typescript: { ignoreBuildErrors: distDir !== ".next" },
  // The embedded database (WASM + data files) and the pg driver load from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg", "pg-boss"],
  poweredByHeader: false,
  // The proxy (security headers) sees every request; let import uploads (lib/imports/schema.ts
  // MAX_UPLOAD_BYTES) through it whole instead of Next's default 10 MB.
  experimental: { proxyClientMaxBodySize: "200mb" },
};
export default nextConfig;

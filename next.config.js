/** @type {import('next').NextConfig} */
const nextConfig = {
  // The embedded database (WASM + data files) and the pg driver must load from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};
export default nextConfig;

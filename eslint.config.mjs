// ESLint 9 flat config (`npm run lint`; Next 16 has no `next lint`): Next's core-web-vitals and
// TypeScript rules (which bring react-hooks 7's recommended rules), plus two type-aware rules from
// typescript-eslint for promises nobody waits for — an un-awaited write or audit in a server
// action fails silently after the response.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

const config = [
  {
    ignores: ["lib/generated/**", ".next/**", ".next-*/**", ".data/**", "node_modules/**", "bench-results/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  ...nextVitals,
  ...nextTs,
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // React ignores what an event handler returns (onClick={async () => …}); elsewhere a promise
      // where a void callback is expected (setTimeout, forEach) is an error.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    rules: {
      // `cond && doIt()` and `a ? f() : g()` as statements are this codebase's habit (lib/reports/disclosure.ts).
      "@typescript-eslint/no-unused-expressions": ["warn", { allowShortCircuit: true, allowTernary: true }],
      // A leading underscore names what is unused on purpose (`const { passwordHash: _p, ...rest }`).
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      // False positive, react/react#34775: a hook returning an object that holds a ref (useActionForm's
      // `f.ref`) makes every read of that object (`f.state`, `f.pending`) count as a ref read in render.
      "react-hooks/refs": "off",
    },
  },
  {
    // Tests and scripts hold no React components: `useTestDatabase()` is a Vitest helper and the
    // e2e specs' `useSession()` a Playwright one, not hooks.
    files: ["**/*.test.ts", "scripts/**", "lib/test/**", "prisma/**", "e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
];

export default config;

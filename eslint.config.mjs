import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next*/",
      "generated/",
      ".data/",
      "models/",
      "test-results/",
      "playwright-report/",
      "next-env.d.ts",
      ".tmp/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // One env module: everything else imports `env` from server/env.ts.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Import `env` from @/server/env instead." }],
    },
  },
  {
    // Where process.env is legitimately read: the env module itself, Next's runtime switch,
    // client code (NODE_ENV is inlined), tooling, tests, and ml/ (which takes options but may read its own knobs in scripts).
    files: [
      "server/env.ts",
      "instrumentation.ts",
      "components/trpc/react.tsx",
      "scripts/**",
      "docker/**",
      "e2e/**",
      "playwright.config.ts",
      "vitest.config.ts",
      "prisma.config.ts",
      "**/*.test.ts",
      "server/test/**",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    // Domain code and the ML library never depend on the transport or the framework.
    // server/http/ is the Next-coupled layer for route handlers (session, wrapper), like server/routers/ for tRPC.
    files: ["server/*/**/*.ts", "ml/**/*.ts", "ml/**/*.mjs"],
    ignores: [
      "server/routers/**",
      "server/next/**",
      "server/http/**",
      "server/i18n/**",
      "server/test/**",
      "server/runtime/**",
      "**/*.test.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@trpc/*", "next", "next/*", "next-auth", "next-auth/*"], message: "Domain code must not import tRPC or Next." },
          ],
        },
      ],
    },
  },
  {
    files: ["ml/**/*.ts", "ml/**/*.mjs"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@trpc/*", "next", "next/*", "next-auth", "next-auth/*"], message: "ml/ is a plain library." },
            { group: ["@/generated/*", "@prisma/*", "@/server/*"], message: "ml/ must not depend on Prisma or the server." },
          ],
        },
      ],
    },
  },
);

// ESLint 9 flat config: Next's rules (core web vitals, React, hooks), typescript-eslint's
// type-checked rules, and the import rules that hold the layering:
//   app/ and components/ never reach the database (they go through lib/ functions);
//   components/ui/ is shared and imports no feature folder.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";
import { defineConfig, globalIgnores } from "eslint/config";

// The client and what makes one; lib/db/errors (recognising an outage) stays open to pages.
const databaseImports = {
  group: [
    "@/lib/db",
    "@/lib/db/client",
    "@/lib/db/acquire",
    "@/lib/db/embedded",
    "@/lib/db/databases",
    "@/lib/db/migrate",
    "@/lib/generated/prisma/client",
    "@prisma/*",
  ],
  message: "Pages and components read and write through lib/ functions, never the database client.",
};

export default defineConfig([
  globalIgnores([
    ".next/**",
    ".data/**",
    "lib/generated/**",
    "node_modules/**",
    "test-results/**",
    "playwright-report/**",
    "bench-results/**",
    ".next-profiles/**",
    "next-env.d.ts",
  ]),
  ...nextVitals,
  ...nextTypescript,
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests read JSON bodies and rows whose shape they assert: \`any\` is what they inspect.
    files: ["**/*.test.ts", "**/*.test.tsx", "e2e/**", "test/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      // Playwright fixtures call their callback \`use\`, which is not a React hook.
      "react-hooks/rules-of-hooks": "off",
    },
  },
  {
    files: ["app/**", "components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [databaseImports] }] },
  },
  {
    files: ["components/ui/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            databaseImports,
            {
              regex: "^@/components/(?!ui/)",
              message: "components/ui is shared: it imports no feature folder (move the helper into components/ui).",
            },
          ],
        },
      ],
    },
  },
]);

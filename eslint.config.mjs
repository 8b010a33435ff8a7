import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "node_modules/**",
    "lib/generated/**",
    "data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
    // Lesson files are learner-facing content (starters are wrong on purpose); lessons:check checks them.
    "lessons/**",
    "sandbox/fixtures/**",
    "lib/content/fixtures/**",
  ]),
  {
    // Code that runs inside the isolate against hostile learner code avoids spread and iterators on
    // purpose (learner code can replace Array.prototype[Symbol.iterator]); it uses captured
    // intrinsics and .apply instead.
    files: ["sandbox/**"],
    rules: {
      "prefer-spread": "off",
      "prefer-rest-params": "off",
      "@next/next/no-assign-module-variable": "off",
    },
  },
  {
    // Ambient declarations of globals and matchers take any value, as Jest's own types do.
    files: ["**/*.d.ts"],
    rules: { "no-var": "off", "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
]);

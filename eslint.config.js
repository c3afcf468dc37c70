// Lint rules for Charaka (typescript-eslint, React, hooks, accessibility), run by `npm run lint` in `npm test`.
// Prettier owns the layout (eslint-config-prettier turns off the rules that would disagree with it).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import prettier from "eslint-config-prettier";
import globals from "globals";

/**
 * zod as a namespace: esbuild (the Remix compiler) cannot shake `import { z }`, a namespace object, so that
 * form put every one of zod's ~40 languages into the browser's scripts (tests/e2e/http.test.ts).
 */
const zodNamespace = {
  selector:
    'ImportDeclaration[source.value="zod"] > :matches(ImportSpecifier[imported.name="z"], ImportDefaultSpecifier)',
  message: 'import * as z from "zod": the named `z` brings all of zod\'s languages into the browser.',
};

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", "node_modules/**", "bench/data/**", "data/**", ".cache/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": ["error", zodNamespace],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      "react/prop-types": "off",
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      ...jsxA11y.configs.recommended.rules,
    },
  },
  {
    // A status, role or kind compared as a literal in a route or a component is a rule that escaped its
    // concept's pure module (issue #18): ask the module instead (isTextEditable, canBeAmended, …).
    files: ["app/routes/**", "app/components/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        zodNamespace,
        ...["left", "right"].map((side) => ({
          selector: `BinaryExpression[operator=/^[!=]==?$/][${side === "left" ? "right" : "left"}.type="Literal"][${side}.type="MemberExpression"][${side}.property.name=/^(status|currentStatus|minutesStatus|role|kind)$/]`,
          message:
            "A status, role or kind compared with a literal in a route or component: the rule belongs in the concept's pure module or access.ts, with a unit test.",
        })),
      ],
    },
  },
  {
    // Routes and components call domain functions; only app/domain/**.server.ts and db/ hold queries
    // (STYLE.md habit 1). tests/unit/layers.test.ts refuses the query builder's calls there too.
    files: ["app/routes/**", "app/components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "kysely", message: "Queries live in app/domain/**.server.ts: call a domain function." }],
          patterns: [
            {
              group: ["**/db/client", "**/db/transaction", "**/db/sqlite*", "**/db/postgres*", "**/db/search"],
              message: "Queries live in app/domain/**.server.ts: call a domain function.",
            },
          ],
        },
      ],
    },
  },
  {
    // Kysely's migrations and engine helpers take `Kysely<any>`: a migration must not depend on today's schema type.
    files: ["db/migrations/**", "db/migrator.ts", "db/dialect.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  prettier,
);

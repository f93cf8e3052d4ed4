// eslint with typescript-eslint's type-aware rules; no HTML ever built from strings.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/generated/"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "no-restricted-properties": [
        "error",
        {
          property: "innerHTML",
          message: "Build elements with src/dom.ts: text only as textContent.",
        },
        {
          property: "outerHTML",
          message: "Build elements with src/dom.ts: text only as textContent.",
        },
        { property: "insertAdjacentHTML", message: "Build elements with src/dom.ts." },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name='innerHTML']",
          message: "No innerHTML: use textContent.",
        },
      ],
      "no-restricted-globals": ["error", "localStorage", "sessionStorage", "indexedDB"],
    },
  },
  { files: ["eslint.config.js", "scripts/**"], ...tseslint.configs.disableTypeChecked },
  {
    files: ["scripts/**"],
    languageOptions: { globals: { console: "readonly", process: "readonly" } },
  },
  // Declarations of untyped libraries describe their classes as they are.
  { files: ["**/*.d.ts"], rules: { "@typescript-eslint/no-extraneous-class": "off" } },
);

// Lint rules, and the layering of src/ as import boundaries (README "Architecture"):
// team files -> validated -> pure model -> Pulumi declarations / plan / importer / audit.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const pulumi = ["@pulumi/*", "@pulumiverse/*"];
const outside = (folder) => ({ group: [`../${folder}`, `../${folder}/*`, `../../${folder}`, `../../${folder}/*`] });

const SRC_FOLDERS = readdirSync(join(import.meta.dirname, "src"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
/** No Pulumi, and of the folders of src/ only `allowed` (besides `folder` itself). */
const onlyImports = (folder, allowed) => [
  { group: pulumi },
  ...SRC_FOLDERS.filter((f) => f !== folder && !allowed.includes(f)).map(outside),
];

/** `no-restricted-imports` for the files of one folder. */
const boundary = (files, message, patterns) => ({
  files,
  rules: { "no-restricted-imports": ["error", { patterns: patterns.map((p) => ({ ...p, message })) }] },
});

export default tseslint.config(
  { ignores: ["node_modules/", "test/fixtures/", "schema/", "data/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
      },
    },
  },
  // One entry per folder: a later entry for the same files would replace an earlier one's rule. Each names
  // what it may import, so a new folder of src/ is out of bounds until a boundary lets it in.
  boundary(
    ["src/model/**"],
    "src/model is the pure desired model: no Pulumi, nothing downstream, not the emulator.",
    onlyImports("model", ["team-file", "stack", "i18n"]),
  ),
  boundary(
    ["src/team-file/**"],
    "src/team-file reads and validates files: it does not know the model or anything downstream.",
    onlyImports("team-file", ["stack", "i18n"]),
  ),
  boundary(["src/sentry/**"], "src/sentry is a standalone API client: it imports nothing of the program.", [
    ...onlyImports("sentry", []),
    { group: ["../../../*"] },
  ]),
  boundary(
    ["src/stack/**"],
    "src/stack is the typed stack policy: no Pulumi and nothing downstream.",
    onlyImports("stack", ["i18n"]),
  ),
  boundary(["src/i18n/**"], "src/i18n formats startup-facing text: it imports nothing of the program.", [
    ...onlyImports("i18n", []),
    { group: ["../../*"] },
  ]),
  boundary(
    ["index.ts", "src/{adoption,checklist,cli,delivery,plan,preflight,pulumi}/**"],
    "The emulator is a test double: no product module imports it.",
    [outside("emulator"), { group: ["./src/emulator", "./src/emulator/*"] }],
  ),
);

// Lint rules, and the layering of src/ as import boundaries (README "Architecture"):
// team files -> validated -> pure model -> Pulumi declarations / plan / importer / audit.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const pulumi = ["@pulumi/*", "@pulumiverse/*"];
const outside = (folder) => ({ group: [`../${folder}`, `../${folder}/*`, `../../${folder}`, `../../${folder}/*`] });

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
  // One entry per folder: a later entry for the same files would replace an earlier one's rule.
  boundary(["src/model/**"], "src/model is the pure desired model: no Pulumi, nothing downstream, not the emulator.", [
    { group: pulumi },
    ...["pulumi", "plan", "delivery", "adoption", "checklist", "preflight", "cli", "emulator", "sentry"].map(outside),
  ]),
  boundary(
    ["src/team-file/**"],
    "src/team-file reads and validates files: it does not know the model or anything downstream.",
    [
      { group: pulumi },
      ...["model", "pulumi", "plan", "delivery", "adoption", "checklist", "preflight", "cli", "emulator", "sentry"].map(
        outside,
      ),
    ],
  ),
  boundary(["src/sentry/**"], "src/sentry is a standalone API client: it imports nothing of the program.", [
    { group: pulumi },
    ...[
      "model",
      "team-file",
      "stack",
      "i18n",
      "pulumi",
      "plan",
      "delivery",
      "adoption",
      "checklist",
      "preflight",
      "cli",
      "emulator",
    ].map(outside),
    { group: ["../../../*"] },
  ]),
  boundary(["src/stack/**"], "src/stack is the typed stack policy: no Pulumi and nothing downstream.", [
    { group: pulumi },
    ...[
      "model",
      "pulumi",
      "plan",
      "delivery",
      "adoption",
      "checklist",
      "preflight",
      "cli",
      "emulator",
      "sentry",
      "team-file",
    ].map(outside),
  ]),
  boundary(["src/i18n/**"], "src/i18n formats startup-facing text: it imports nothing of the program.", [
    { group: pulumi },
    ...[
      "model",
      "team-file",
      "stack",
      "pulumi",
      "plan",
      "delivery",
      "adoption",
      "checklist",
      "preflight",
      "cli",
      "emulator",
      "sentry",
    ].map(outside),
    { group: ["../../*"] },
  ]),
  boundary(
    ["index.ts", "src/{adoption,checklist,cli,delivery,plan,preflight,pulumi}/**"],
    "The emulator is a test double: no product module imports it.",
    [outside("emulator"), { group: ["./src/emulator", "./src/emulator/*"] }],
  ),
);

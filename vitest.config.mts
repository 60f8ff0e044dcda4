import { defineConfig } from "vitest/config";

export default defineConfig({
  // Quiet vite's notices about the missing sources of inlined dependencies' source maps.
  logLevel: "error",
  test: {
    include: ["test/**/*.test.ts"],
    // Each file runs in its own process (vitest's default): Pulumi's mock monitor is process-global.
    isolate: true,
    testTimeout: 20_000,
    server: {
      deps: {
        // GitHub's workflow parser imports JSON without import attributes, which Node 20 refuses;
        // let vite transform it.
        inline: ["@actions/workflow-parser", "@actions/expressions"],
      },
    },
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each file runs in its own process (vitest's default): Pulumi's mock monitor is process-global.
    isolate: true,
    testTimeout: 20_000,
  },
});

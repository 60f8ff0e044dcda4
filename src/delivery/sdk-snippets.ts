// Setup snippets posted with a new project's DSN. They follow the community's rules for
// sentry.incubateur.net: environment and release set, a production trace sample rate well below 1,
// and no personal data sent by default.

const JS_PACKAGES: [RegExp, string][] = [
  [/^javascript-nextjs$/, "@sentry/nextjs"],
  [/^javascript-react(-router)?$/, "@sentry/react"],
  [/^javascript-vue$/, "@sentry/vue"],
  [/^javascript-nuxt$/, "@sentry/nuxt"],
  [/^javascript-sveltekit$/, "@sentry/sveltekit"],
  [/^javascript-svelte$/, "@sentry/svelte"],
  [/^javascript-angular$/, "@sentry/angular"],
  [/^javascript-remix$/, "@sentry/remix"],
  [/^javascript-astro$/, "@sentry/astro"],
  [/^javascript/, "@sentry/browser"],
  [/^(node|bun)/, "@sentry/node"],
  [/^react-native$/, "@sentry/react-native"],
];

export function sdkSnippet(platform: string | undefined, dsn: string): { language: string; code: string } {
  const p = platform ?? "";
  const jsPackage = JS_PACKAGES.find(([pattern]) => pattern.test(p))?.[1];
  if (jsPackage) {
    return {
      language: "js",
      code: [
        `import * as Sentry from "${jsPackage}";`,
        "",
        "Sentry.init({",
        `  dsn: "${dsn}",`,
        '  environment: "production", // "staging", "review"... one per deployment',
        "  release: process.env.SENTRY_RELEASE, // e.g. the git SHA of the build",
        "  tracesSampleRate: 0.1, // keep production well below 1",
        "  sendDefaultPii: false, // never send personal data",
        "});",
      ].join("\n"),
    };
  }
  if (p.startsWith("python")) {
    return {
      language: "python",
      code: [
        "import os",
        "import sentry_sdk",
        "",
        "sentry_sdk.init(",
        `    dsn="${dsn}",`,
        '    environment=os.environ.get("ENVIRONMENT", "production"),',
        '    release=os.environ.get("SENTRY_RELEASE"),',
        "    traces_sample_rate=0.1,  # keep production well below 1",
        "    send_default_pii=False,  # never send personal data",
        ")",
      ].join("\n"),
    };
  }
  if (p.startsWith("ruby")) {
    return {
      language: "ruby",
      code: [
        "Sentry.init do |config|",
        `  config.dsn = "${dsn}"`,
        '  config.environment = ENV.fetch("ENVIRONMENT", "production")',
        '  config.release = ENV["SENTRY_RELEASE"]',
        "  config.traces_sample_rate = 0.1 # keep production well below 1",
        "  config.send_default_pii = false # never send personal data",
        "end",
      ].join("\n"),
    };
  }
  if (p.startsWith("php")) {
    return {
      language: "php",
      code: [
        "\\Sentry\\init([",
        `    'dsn' => '${dsn}',`,
        "    'environment' => getenv('ENVIRONMENT') ?: 'production',",
        "    'release' => getenv('SENTRY_RELEASE') ?: null,",
        "    'traces_sample_rate' => 0.1, // keep production well below 1",
        "    'send_default_pii' => false, // never send personal data",
        "]);",
      ].join("\n"),
    };
  }
  return {
    language: "text",
    code: [
      `DSN: ${dsn}`,
      "Set in your SDK: environment (one per deployment), release (e.g. the git SHA),",
      "a production traces sample rate of 0.1 or less, and default personal data off (send_default_pii).",
    ].join("\n"),
  };
}

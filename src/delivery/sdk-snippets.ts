// Setup snippets posted with a new project's DSN. They follow the community's rules for
// sentry.incubateur.net: environment and release set, a production trace sample rate well below 1,
// and no personal data sent by default. Their comments are in the comment's language.
import type { Language } from "../i18n/language";

const COMMENTS = {
  fr: {
    environment: '"staging", "review"... un par déploiement',
    release: "par exemple le SHA git du build",
    sampleRate: "en production, bien en dessous de 1",
    pii: "jamais de données personnelles",
    text: [
      "Réglez dans votre SDK : environment (un par déploiement), release (par exemple le SHA git),",
      "un traces sample rate de production de 0,1 ou moins, et les données personnelles par défaut désactivées (send_default_pii).",
    ],
  },
  en: {
    environment: '"staging", "review"... one per deployment',
    release: "e.g. the git SHA of the build",
    sampleRate: "keep production well below 1",
    pii: "never send personal data",
    text: [
      "Set in your SDK: environment (one per deployment), release (e.g. the git SHA),",
      "a production traces sample rate of 0.1 or less, and default personal data off (send_default_pii).",
    ],
  },
} as const;

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

export function sdkSnippet(
  platform: string | undefined,
  dsn: string,
  lang: Language,
): { language: string; code: string } {
  const p = platform ?? "";
  const say = COMMENTS[lang];
  const jsPackage = JS_PACKAGES.find(([pattern]) => pattern.test(p))?.[1];
  if (jsPackage) {
    return {
      language: "js",
      code: [
        `import * as Sentry from "${jsPackage}";`,
        "",
        "Sentry.init({",
        `  dsn: "${dsn}",`,
        `  environment: "production", // ${say.environment}`,
        `  release: process.env.SENTRY_RELEASE, // ${say.release}`,
        `  tracesSampleRate: 0.1, // ${say.sampleRate}`,
        `  sendDefaultPii: false, // ${say.pii}`,
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
        `    traces_sample_rate=0.1,  # ${say.sampleRate}`,
        `    send_default_pii=False,  # ${say.pii}`,
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
        `  config.traces_sample_rate = 0.1 # ${say.sampleRate}`,
        `  config.send_default_pii = false # ${say.pii}`,
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
        `    'traces_sample_rate' => 0.1, // ${say.sampleRate}`,
        `    'send_default_pii' => false, // ${say.pii}`,
        "]);",
      ].join("\n"),
    };
  }
  return {
    language: "text",
    code: [`DSN: ${dsn}`, ...say.text].join("\n"),
  };
}

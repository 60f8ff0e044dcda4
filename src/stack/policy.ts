// Stack policy: what a team file may ask for on a given Sentry instance. It lives in the stack's
// Pulumi config (`Pulumi.<stack>.yaml`, keys namespaced by the project name), is validated by the
// schema below, and is read both by the offline tools (from the YAML file) and by the Pulumi program
// (from `pulumi.Config`). Secrets (tokens) are deliberately not part of it.
import { Type, type Static } from "@sinclair/typebox";
import Ajv from "ajv";
import { LANGUAGES } from "../i18n/language";

export const PULUMI_PROJECT = "sentry-incubateur";

const Digits = Type.String({ pattern: "^[0-9]+$" });
const KeyRateLimit = Type.Object(
  { count: Type.Integer({ minimum: 1 }), window: Type.Integer({ minimum: 1, maximum: 86400 }) },
  { additionalProperties: false },
);
const Domain = Type.String({ pattern: "^[a-z0-9-]+(\\.[a-z0-9-]+)+$" });

export const StackPolicySchema = Type.Object(
  {
    organization: Type.String({ pattern: "^(?![0-9]+$)[a-z0-9][a-z0-9-]*$" }),
    members: Type.Object(
      {
        /** A bare handle `camille.martin` becomes `camille.martin@<handleDomain>`. */
        handleDomain: Domain,
        /** Domains an explicit `email:` may use. */
        allowedEmailDomains: Type.Array(Domain, { minItems: 1 }),
      },
      { additionalProperties: false },
    ),
    github: Type.Object(
      {
        integrations: Type.Array(
          Type.Object(
            {
              /** GitHub organisation that has the Sentry GitHub App installed. */
              owner: Type.String({ pattern: "^[A-Za-z0-9-]+$" }),
              /** GitHub App installation id on that organisation. */
              installationId: Digits,
              /** Id of the matching Sentry GitHub integration (settings/<org>/integrations/github/<id>/). */
              sentryIntegrationId: Digits,
            },
            { additionalProperties: false },
          ),
        ),
        /** Branch used by code mappings. */
        defaultBranch: Type.String({ minLength: 1 }),
      },
      { additionalProperties: false },
    ),
    defaults: Type.Object(
      {
        /** Rate limit applied to each project's DSN key: at most `count` events per `window` seconds. */
        keyRateLimit: KeyRateLimit,
        /**
         * Project slug -> its own key rate limit, decided by ops (e.g. a busy project adopted with a
         * higher live limit: the importer proposes the entry rather than lowering it silently).
         */
        keyRateLimitOverrides: Type.Optional(Type.Record(Type.String({ pattern: "^[a-z0-9_-]{1,50}$" }), KeyRateLimit)),
        /** Least time between two notifications of one alert rule, when a rule has no `every`. */
        alertEvery: Type.String({ pattern: "^[1-9][0-9]*(m|h|d)$" }),
      },
      { additionalProperties: false },
    ),
    /** Server-side scrubbing applied to every project: the SDKs cannot be trusted to send no personal data. */
    privacy: Type.Object(
      {
        dataScrubber: Type.Boolean(),
        dataScrubberDefaults: Type.Boolean(),
        scrubIPAddresses: Type.Boolean(),
        sensitiveFields: Type.Array(Type.String({ minLength: 1 })),
        safeFields: Type.Array(Type.String({ minLength: 1 })),
        /** Whether a team file may turn one of the three switches off for its project. */
        teamsMayDisable: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    /** Inbound filters switched on for every project, so that noise does not eat the shared capacity. */
    inboundFilters: Type.Object(
      {
        localhost: Type.Boolean(),
        browserExtensions: Type.Boolean(),
        webCrawlers: Type.Boolean(),
        legacyBrowsers: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    /** Language of startup-facing text (validator messages, plan summary, DSN comment); French when absent. */
    language: Type.Optional(Type.Union(LANGUAGES.map((lang) => Type.Literal(lang)))),
    notifications: Type.Optional(
      Type.Object(
        {
          /** Base URL of the sentry-mattermost bridge; `?channel=<name>` is appended. */
          mattermostWebhookUrl: Type.Optional(Type.String({ pattern: "^https://" })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export type StackPolicy = Static<typeof StackPolicySchema>;
export type GithubIntegration = StackPolicy["github"]["integrations"][number];

const STACK_KEYS = Object.keys(StackPolicySchema.properties) as (keyof StackPolicy)[];
const checkPolicy = new Ajv({ allErrors: true }).compile(StackPolicySchema);

export class StackPolicyError extends Error {}

/** Validates a policy assembled from config values; throws a readable error naming each bad key. */
export function parseStackPolicy(raw: Record<string, unknown>, source: string): StackPolicy {
  if (checkPolicy(raw)) return raw;
  const problems = (checkPolicy.errors ?? []).map((e) => {
    const key = `${PULUMI_PROJECT}:${e.instancePath.slice(1).replace(/\//g, ".")}`;
    const detail =
      e.keyword === "additionalProperties" ? `unknown key "${String(e.params.additionalProperty)}"` : e.message;
    return `  ${key}: ${detail}`;
  });
  throw new StackPolicyError(`invalid stack configuration in ${source}:\n${problems.join("\n")}`);
}

/** Collects this project's keys out of a stack file's `config:` map (`<project>:<key>` entries). */
export function policyFromConfigMap(config: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const [namespace, name] = key.split(":", 2);
    if (namespace === PULUMI_PROJECT && name !== undefined) raw[name] = value;
  }
  return raw;
}

/** Reads each policy key from a `pulumi.Config`-like reader: structured keys as objects, others as text. */
export function policyFromConfig(config: {
  get(key: string): string | undefined;
  getObject<T>(key: string): T | undefined;
}): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of STACK_KEYS) {
    const value = StackPolicySchema.properties[key].type === "object" ? config.getObject(key) : config.get(key);
    if (value !== undefined) raw[key] = value;
  }
  return raw;
}

export function integrationForOwner(policy: StackPolicy, owner: string): GithubIntegration | undefined {
  const wanted = owner.toLowerCase();
  return policy.github.integrations.find((i) => i.owner.toLowerCase() === wanted);
}

/** Parses `30m`, `2h`, `1d` into minutes. */
export function durationMinutes(text: string): number {
  const match = /^([1-9][0-9]*)(m|h|d)$/.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  const factor = { m: 1, h: 60, d: 1440 }[match[2] as "m" | "h" | "d"];
  return Number(match[1]) * factor;
}

/** Whether ops set a DSN key rate limit for this project (slugs such as `constructor` are data: own entries only). */
export function hasKeyRateLimitOverride(policy: StackPolicy, projectSlug: string): boolean {
  return Object.hasOwn(policy.defaults.keyRateLimitOverrides ?? {}, projectSlug);
}

/** The DSN key rate limit of a project: its override when ops set one, else the stack's. */
export function keyRateLimitOf(policy: StackPolicy, projectSlug: string): StackPolicy["defaults"]["keyRateLimit"] {
  return hasKeyRateLimitOverride(policy, projectSlug)
    ? policy.defaults.keyRateLimitOverrides![projectSlug]
    : policy.defaults.keyRateLimit;
}

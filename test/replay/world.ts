// A replay world: the Sentry emulator, the GitHub double, Pulumi's dynamic provider host, and a stack
// whose state persists between runs of the real program (`runProgram`, loaded after the mocks are set).
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SentryEmulator, type EmulatorOptions, type TokenGrant } from "../../src/emulator/server";
import { GithubEmulator } from "../../src/emulator/github/server";
import { seedIntegrations } from "../../src/emulator/seed";
import { PULUMI_PROJECT } from "../../src/stack/policy";
import { loadStackPolicy, readStackConfig } from "../../src/stack/stack-file";
import { DynamicProviderHost } from "./dynamic-host";
import { ReplayStack, type DeploymentResult } from "./engine";
import { providerRegistry, type ProviderRegistry } from "./providers";

export const ROOT = join(__dirname, "..", "..");
export const SENTRY_TOKEN = "sntryu_replay-token";
export const GITHUB_TOKEN = "ghp_replay-token";

/**
 * The scopes ops give the deploy token (SENTRY_WRITE_TOKEN), read from the table of docs/ops.md
 * ("Credentials") so that the replay plays with exactly the token ops create.
 */
export function deployTokenScopes(): string[] {
  const row = readFileSync(join(ROOT, "docs", "ops.md"), "utf8")
    .split("\n")
    .find((line) => line.startsWith("| `SENTRY_WRITE_TOKEN`"));
  const scopes = row
    ?.split("|")
    .at(-2)
    ?.match(/`[a-z]+:[a-z]+`/g);
  if (!scopes) throw new Error("docs/ops.md: no scope list in the SENTRY_WRITE_TOKEN row of Credentials");
  return scopes.map((s) => s.slice(1, -1));
}

/** The deploy token's account: a dedicated user, owner of the organization, in no team (docs/ops.md, Credentials). */
export const DEPLOY_ACCOUNT = "sentry-deploy@beta.gouv.fr";

/** The deploy token as Sentry sees it: a user token of an owner, who is a member in no team. */
export const deployToken = (): TokenGrant => ({
  kind: "user",
  scopes: deployTokenScopes(),
  member: { email: DEPLOY_ACCOUNT, orgRole: "owner" },
});

export interface World {
  sentry: SentryEmulator;
  github: GithubEmulator;
  stack: ReplayStack;
  registry: ProviderRegistry;
  /** Folder whose `teams/` the program reads: write team files (and `adoption.json`) there. */
  projectDir: string;
  writeTeams(files: Record<string, string>): void;
  up(options?: { refresh?: boolean }): Promise<DeploymentResult>;
  preview(options?: { refresh?: boolean }): Promise<DeploymentResult>;
  /** Moves Sentry's clock a day on (rate-limit windows such as the daily invitations). */
  nextDay(): void;
  close(): Promise<void>;
}

/** What the emulated Sentry release does where releases differ (e.g. `codeMappingProjectFilter`). */
export type SentryRelease = Pick<EmulatorOptions, "codeMappingProjectFilter">;

export async function startWorld(stackName = "prod", release: SentryRelease = {}): Promise<World> {
  const policy = loadStackPolicy(stackName, ROOT);
  let clock = Date.now();
  const sentry = new SentryEmulator({
    ...release,
    organization: policy.organization,
    tokens: { [SENTRY_TOKEN]: deployToken() },
    now: () => clock,
  });
  await sentry.listen();
  seedIntegrations(sentry.state, policy);
  const github = new GithubEmulator([GITHUB_TOKEN]);
  await github.listen();
  for (const integration of policy.github.integrations)
    github.addInstallation(Number(integration.installationId), integration.owner);

  const env = {
    PATH: process.env.PATH,
    SENTRY_AUTH_TOKEN: SENTRY_TOKEN,
    GITHUB_TOKEN,
    GITHUB_BASE_URL: github.baseUrl,
  };
  const host = await acquireHost();
  const registry = providerRegistry({ env, host });
  const stack = new ReplayStack(registry.factory);
  const projectDir = mkdtempSync(join(tmpdir(), "replay-project-"));
  mkdirSync(join(projectDir, "teams"));

  const config = { ...readStackConfig(stackName, ROOT), "sentry:baseUrl": sentry.baseUrl };
  const stringConfig = Object.fromEntries(
    Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
  const run = async (preview: boolean, refresh: boolean) => {
    // The program runs in the deploying job's environment: its tokens, which it must keep from the providers'
    // SDK constructors (src/pulumi/organization.ts), and GITHUB_BASE_URL, which @pulumi/github's Provider
    // reads as its default `baseUrl`.
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
    try {
      return await stack.run({
        project: PULUMI_PROJECT,
        stack: stackName,
        config: stringConfig,
        preview,
        refresh,
        load: async () => {
          const { runProgram } = await import("../../src/pulumi/program.js");
          return runProgram(projectDir);
        },
      });
    } finally {
      for (const [key, value] of Object.entries(saved)) restore(key, value);
    }
  };

  return {
    sentry,
    github,
    stack,
    registry,
    projectDir,
    writeTeams(files) {
      const dir = join(projectDir, "teams");
      for (const file of readdirSync(dir)) rmSync(join(dir, file));
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    },
    up: (options) => run(false, options?.refresh ?? false),
    preview: (options) => run(true, options?.refresh ?? false),
    nextDay: () => (clock += 24 * 3600 * 1000),
    async close() {
      releaseHost();
      await sentry.close();
      await github.close();
      rmSync(projectDir, { recursive: true, force: true });
    },
  };
}

// One dynamic provider host for the worlds of a test file (starting one costs seconds): the providers it
// runs read only SENTRY_AUTH_TOKEN from its environment, the same for every world.
let host: Promise<DynamicProviderHost> | undefined;
let users = 0;
let idle: NodeJS.Timeout | undefined;

function acquireHost(): Promise<DynamicProviderHost> {
  users++;
  clearTimeout(idle);
  host ??= DynamicProviderHost.start(ROOT, { PATH: process.env.PATH, SENTRY_AUTH_TOKEN: SENTRY_TOKEN });
  return host;
}

function releaseHost(): void {
  if (--users > 0) return;
  // Kept a moment for the next world of the file, then stopped.
  idle = setTimeout(() => {
    const stopping = host;
    host = undefined;
    void stopping?.then((h) => h.stop());
  }, 1000);
  idle.unref();
}

function restore(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}

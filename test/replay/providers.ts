// Which provider the engine uses for a package: the bridged Sentry and GitHub providers (ported), and
// Pulumi's dynamic provider host for `pulumi-nodejs` (our dynamic resources).
import type { EngineProvider, Props, ProviderFactory } from "./engine";
import { DynamicProviderHost } from "./dynamic-host";
import { appInstallationRepository, githubApiBase, GithubClient } from "./github/app-installation-repository";
import { GoSentryClient } from "./sentry/go-sentry";
import { SENTRY_RESOURCES } from "./sentry/resources";
import { BridgedProvider } from "./tf/bridge";

/** The engine side of the dynamic provider host: which olds and news each call gets. */
export class DynamicProvider implements EngineProvider {
  constructor(private readonly host: DynamicProviderHost) {}

  async check(urn: string, olds: Props | undefined, news: Props) {
    return this.host.check(urn, olds ?? {}, news);
  }

  async diff(urn: string, id: string, oldInputs: Props, oldOutputs: Props, news: Props) {
    const diff = await this.host.diff(urn, id, oldOutputs, news, oldInputs);
    // DIFF_UNKNOWN: the engine compares the inputs itself.
    const changes =
      diff.changes === "unknown" ? JSON.stringify(oldInputs) !== JSON.stringify(news) : diff.changes === "some";
    return { changes, replaces: diff.replaces, deleteBeforeReplace: diff.deleteBeforeReplace, diffs: [] };
  }

  async create(urn: string, news: Props, preview: boolean) {
    // provider_plugin.go@v3.248.0:1391-1405: the dynamic host does not support previews: inputs stand for outputs.
    if (preview) return { id: "", outputs: news };
    return this.host.create(urn, news);
  }

  async read(urn: string, id: string, oldInputs?: Props, oldOutputs?: Props) {
    // A dynamic resource cannot be imported: its provider text is only in its own state (pulumi/pulumi#16175).
    if (!oldOutputs) throw new Error(`${urn}: dynamic resources cannot be imported or read without state`);
    const read = await this.host.read(urn, id, oldOutputs, oldInputs ?? {});
    // A blank ID: the resource is gone (pulumi/pulumi sdk/go/common/resource/plugin/provider_plugin.go,
    // stored version 5702381199, `Read`: "If the resource was missing, simply return a nil property map").
    if (read.id === "") return undefined;
    return { id: read.id, outputs: read.outputs, inputs: read.inputs ?? oldInputs ?? {} };
  }

  async update(urn: string, id: string, oldInputs: Props, oldOutputs: Props, news: Props, preview: boolean) {
    if (preview) return news;
    return this.host.update(urn, id, oldOutputs, news, oldInputs);
  }

  async delete(urn: string, id: string, oldInputs: Props, oldOutputs: Props) {
    await this.host.delete(urn, id, oldOutputs, oldInputs);
  }
}

export interface ProviderEnvironment {
  /** The deploying job's environment: token fallbacks of the providers. */
  env: NodeJS.ProcessEnv;
  host: DynamicProviderHost;
}

export interface ProviderRegistry {
  factory: ProviderFactory;
  /** Clients made so far, with every request they sent. */
  sentryClients: GoSentryClient[];
  githubClients: GithubClient[];
}

export function providerRegistry({ env, host }: ProviderEnvironment): ProviderRegistry {
  const sentryClients: GoSentryClient[] = [];
  const githubClients: GithubClient[] = [];
  const dynamic = new DynamicProvider(host);
  // One provider instance per configuration, as the engine loads one plugin per provider resource.
  const cache = new Map<string, EngineProvider>();
  const factory: ProviderFactory = (pkg: string, config: Props) => {
    const key = `${pkg}:${JSON.stringify(config)}`;
    if (!cache.has(key)) cache.set(key, make(pkg, config));
    return cache.get(key)!;
  };
  const make = (pkg: string, config: Props): EngineProvider => {
    const value = (key: string) => (typeof config[key] === "string" ? (config[key] as string) : undefined);
    if (pkg === "pulumi-nodejs") return dynamic;
    if (pkg === "sentry") {
      // provider.go:20-36 (token: SENTRY_AUTH_TOKEN, SENTRY_TOKEN; base_url: SENTRY_BASE_URL, else sentry.io).
      const client = new GoSentryClient(
        value("baseUrl") ?? env.SENTRY_BASE_URL ?? "https://sentry.io/api/",
        value("token") ?? env.SENTRY_AUTH_TOKEN ?? env.SENTRY_TOKEN ?? "",
      );
      sentryClients.push(client);
      return new BridgedProvider(SENTRY_RESOURCES, client);
    }
    if (pkg === "github") {
      // github/provider.go:39-62 (base_url: GITHUB_BASE_URL; owner: GITHUB_OWNER; token: GITHUB_TOKEN).
      const client = new GithubClient(
        githubApiBase(value("baseUrl") ?? env.GITHUB_BASE_URL ?? "https://api.github.com/"),
        value("owner") ?? env.GITHUB_OWNER ?? "",
        value("token") ?? env.GITHUB_TOKEN ?? "",
      );
      githubClients.push(client);
      return new BridgedProvider([appInstallationRepository], client);
    }
    throw new Error(`no provider for package ${pkg}`);
  };
  return { factory, sentryClients, githubClients };
}

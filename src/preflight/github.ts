// The two GitHub REST reads the preflight makes (API version 2022-11-28), with the token the deploy job
// gives the GitHub provider (GITHUB_TOKEN). Read-only, bounded (timeout per request, pages), answers checked
// against a schema, the token cut out of anything printed.
import { Type, type Static, type TSchema } from "@sinclair/typebox";
import { TypeCompiler } from "@sinclair/typebox/compiler";

export class GithubApiError extends Error {
  constructor(
    readonly status: number,
    readonly path: string,
    detail: string,
  ) {
    super(`GitHub API GET ${path} ${status ? `answered HTTP ${status}` : "failed"}: ${detail}`);
    this.name = "GithubApiError";
  }
}

const RepositoryItem = Type.Object({ id: Type.Integer(), name: Type.String(), full_name: Type.String() });
export type GithubRepository = Static<typeof RepositoryItem>;

/** "List repositories accessible to the user access token" (REST reference, apps/installations). */
const InstallationRepositories = Type.Object({
  total_count: Type.Integer(),
  repository_selection: Type.Union([Type.Literal("all"), Type.Literal("selected")]),
  repositories: Type.Array(RepositoryItem),
});

export interface InstallationListing {
  selection: "all" | "selected";
  repositories: GithubRepository[];
}

export interface GithubApiOptions {
  /** `https://api.github.com/` (GitHub Actions exports it as GITHUB_API_URL). */
  baseUrl: string;
  token: string;
  timeoutMs?: number;
  maxPages?: number;
  fetch?: typeof fetch;
}

export class GithubApi {
  readonly #options: Required<GithubApiOptions>;

  constructor(options: GithubApiOptions) {
    this.#options = {
      timeoutMs: 30_000,
      maxPages: 100,
      fetch: (input, init) => fetch(input, init),
      ...options,
      baseUrl: options.baseUrl.replace(/\/*$/, "/"),
    };
  }

  /** Every repository the installation can see, 100 a page, and whether it sees `all` or `selected` ones. */
  async installationRepositories(installationId: string): Promise<InstallationListing> {
    const repositories: GithubRepository[] = [];
    for (let page = 1; ; page++) {
      if (page > this.#options.maxPages)
        throw new GithubApiError(0, this.#path(installationId, page), `more than ${this.#options.maxPages} pages`);
      const path = this.#path(installationId, page);
      const { body, next } = await this.#get(path, InstallationRepositories);
      repositories.push(...body.repositories);
      if (!next) return { selection: body.repository_selection, repositories };
    }
  }

  /**
   * A repository as GitHub spells it, found by a name in any case ("The name is not case sensitive",
   * REST reference, repos "Get a repository"); undefined when GitHub answers 404.
   */
  async repository(owner: string, name: string): Promise<GithubRepository | undefined> {
    try {
      return (await this.#get(`repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`, RepositoryItem)).body;
    } catch (error) {
      if (error instanceof GithubApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  #path(installationId: string, page: number): string {
    return `user/installations/${encodeURIComponent(installationId)}/repositories?per_page=100&page=${page}`;
  }

  async #get<S extends TSchema>(path: string, schema: S): Promise<{ body: Static<S>; next: boolean }> {
    let response: Response;
    let text: string;
    try {
      response = await this.#options.fetch(`${this.#options.baseUrl}${path}`, {
        headers: {
          Authorization: `Bearer ${this.#options.token}`,
          Accept: "application/vnd.github+json",
          "X-GitHub-Api-Version": "2022-11-28",
          "User-Agent": "sentry-incubateur-preflight",
        },
        redirect: "follow",
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const reason = (error as { name?: string })?.name === "TimeoutError" ? "no answer in time" : "network error";
      throw new GithubApiError(0, path, reason);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      throw new GithubApiError(response.status, path, "an answer that is not JSON: check GITHUB_API_URL");
    }
    if (!response.ok) {
      const message = (body as { message?: unknown } | undefined)?.message;
      throw new GithubApiError(response.status, path, this.#clean(typeof message === "string" ? message : ""));
    }
    const check = TypeCompiler.Compile(schema);
    if (!check.Check(body)) {
      const error = check.Errors(body).First();
      throw new GithubApiError(response.status, path, `malformed answer at ${error?.path || "the body"}`);
    }
    // Only whether there is a next page is taken from the Link header, never its URL.
    return { body, next: /rel="next"/.test(response.headers.get("link") ?? "") };
  }

  #clean(text: string): string {
    const safe = text
      .split(this.#options.token)
      .join("[token]")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]+/g, " ");
    return (safe.length > 200 ? `${safe.slice(0, 200)}…` : safe) || "no message";
  }
}

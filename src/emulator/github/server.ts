// A small GitHub REST API double (node:http) for the endpoints `github.AppInstallationRepository` and the
// preflight use: a repository by name, and the repositories of a GitHub App installation as the
// installing user manages them. It is a test double, not GitHub. Behaviours follow GitHub's REST
// reference (docs.github.com/en/rest, API version 2022-11-28): "Get a repository" (repos/repos),
// "List repositories accessible to the user access token", "Add a repository to an app installation",
// "Remove a repository from an app installation" (apps/installations). Served under `/api/v3/`, the path
// a GitHub client uses for a host that is not github.com (GitHub Enterprise Server layout).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface GithubRepository {
  id: number;
  owner: string;
  name: string;
}

export interface GithubInstallation {
  id: number;
  account: string;
  /** `all` repositories of the account, or the `selected` ones. */
  repositorySelection: "all" | "selected";
  repositoryIds: Set<number>;
}

export class GithubEmulator {
  readonly repositories: GithubRepository[] = [];
  readonly installations = new Map<number, GithubInstallation>();
  readonly requests: { method: string; path: string; status: number }[] = [];
  #server?: Server;
  #nextId = 1000;
  url = "";

  constructor(private readonly tokens: readonly string[]) {}

  addRepository(owner: string, name: string): GithubRepository {
    const repository = { id: this.#nextId++, owner, name };
    this.repositories.push(repository);
    return repository;
  }

  addInstallation(
    id: number,
    account: string,
    repositorySelection: "all" | "selected" = "selected",
  ): GithubInstallation {
    const installation = { id, account, repositorySelection, repositoryIds: new Set<number>() };
    this.installations.set(id, installation);
    return installation;
  }

  /** Repositories the installation can see, by name. */
  installedNames(installationId: number): string[] {
    const installation = this.installations.get(installationId);
    if (!installation) return [];
    return this.repositories
      .filter((r) =>
        installation.repositorySelection === "all"
          ? r.owner === installation.account
          : installation.repositoryIds.has(r.id),
      )
      .map((r) => `${r.owner}/${r.name}`);
  }

  /** What a client uses as GITHUB_BASE_URL. */
  get baseUrl(): string {
    return `${this.url}/`;
  }

  async listen(): Promise<void> {
    this.#server = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const answer = this.#answer(req.method ?? "GET", url, req.headers.authorization);
      this.requests.push({ method: req.method ?? "GET", path: url.pathname + url.search, status: answer.status });
      res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...answer.headers });
      res.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  #repositoryBody(repository: GithubRepository) {
    return {
      id: repository.id,
      name: repository.name,
      full_name: `${repository.owner}/${repository.name}`,
      owner: { login: repository.owner, type: "Organization" },
      private: false,
    };
  }

  #answer(
    method: string,
    url: URL,
    authorization: string | undefined,
  ): { status: number; body?: unknown; headers?: Record<string, string> } {
    const token = /^(?:Bearer|token) (.+)$/.exec(authorization ?? "")?.[1];
    if (token === undefined || !this.tokens.includes(token))
      return { status: 401, body: { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" } };
    const notFound = { status: 404, body: { message: "Not Found", documentation_url: "https://docs.github.com/rest" } };
    const path = url.pathname.replace(/^\/api\/v3/, "");

    const repo = /^\/repos\/([^/]+)\/([^/]+)$/.exec(path);
    if (repo && method === "GET") {
      // "The name is not case sensitive", for `owner` and `repo` alike; the answer spells them as GitHub
      // does (`full_name`) (REST reference, "Get a repository", path parameters).
      const [owner, name] = [decodeURIComponent(repo[1]), decodeURIComponent(repo[2])].map((v) => v.toLowerCase());
      const found = this.repositories.find((r) => r.owner.toLowerCase() === owner && r.name.toLowerCase() === name);
      return found ? { status: 200, body: this.#repositoryBody(found) } : notFound;
    }

    const list = /^\/user\/installations\/(\d+)\/repositories$/.exec(path);
    if (list && method === "GET") {
      const installation = this.installations.get(Number(list[1]));
      if (!installation) return notFound;
      // per_page: at most 100, default 30; page from 1; a Link header points to the next page.
      const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30) || 30, 100);
      const page = Math.max(Number(url.searchParams.get("page") ?? 1) || 1, 1);
      const visible = this.repositories.filter((r) =>
        installation.repositorySelection === "all"
          ? r.owner === installation.account
          : installation.repositoryIds.has(r.id),
      );
      const slice = visible.slice((page - 1) * perPage, page * perPage);
      const headers: Record<string, string> = {};
      if (page * perPage < visible.length)
        headers.link = `<${this.url}/api/v3${path}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
      return {
        status: 200,
        body: {
          total_count: visible.length,
          repository_selection: installation.repositorySelection,
          repositories: slice.map((r) => this.#repositoryBody(r)),
        },
        headers,
      };
    }

    const item = /^\/user\/installations\/(\d+)\/repositories\/(\d+)$/.exec(path);
    if (item && (method === "PUT" || method === "DELETE")) {
      const installation = this.installations.get(Number(item[1]));
      const repository = this.repositories.find((r) => r.id === Number(item[2]));
      if (!installation || !repository) return notFound;
      if (method === "PUT") {
        // 204 No Content, also when the repository was already selected.
        installation.repositoryIds.add(repository.id);
        return { status: 204 };
      }
      // 422 when the app is installed on all repositories, or for the last selected one.
      if (
        installation.repositorySelection === "all" ||
        (installation.repositoryIds.size === 1 && installation.repositoryIds.has(repository.id))
      )
        return {
          status: 422,
          body: { message: "Validation Failed", documentation_url: "https://docs.github.com/rest" },
        };
      installation.repositoryIds.delete(repository.id);
      return { status: 204 };
    }
    return notFound;
  }
}

// `github_app_installation_repository` of integrations/terraform-provider-github at 20728bb3 (v6.13.0, the
// `upstream` submodule of pulumi/pulumi-github v6.15.0, which @pulumi/github 6.15.0 is built from),
// github/resource_github_app_installation_repository.go, with go-github's requests.
import type { TfResource } from "../tf/bridge";
import type { ResourceData } from "../tf/resource-data";
import type { TfSchemaMap } from "../tf/schema";

/** github/config.go:187-213 getBaseURL: a host other than github.com is GitHub Enterprise Server, under `api/v3/`. */
export function githubApiBase(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.host === "api.github.com") return `${url.origin}/`;
  if (url.host === "github.com") return "https://api.github.com/";
  return `${url.origin}${url.pathname.replace(/\/?$/, "/").replace(/api\/v3\/$/, "")}api/v3/`;
}

export class GithubClient {
  readonly calls: { method: string; path: string }[] = [];

  constructor(
    private readonly base: string,
    /** The provider's `owner` (github/provider.go:45-50). */
    readonly owner: string,
    private readonly token: string,
  ) {}

  async do<T>(method: string, path: string): Promise<{ body: T; nextPage: number }> {
    this.calls.push({ method, path });
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, Accept: "application/vnd.github+json" },
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : undefined;
    // go-github CheckResponse: any status outside 2xx is an *ErrorResponse, printed `METHOD URL: STATUS MESSAGE []`.
    if (response.status < 200 || response.status > 299)
      throw new Error(`${method} ${this.base}${path}: ${response.status} ${body?.message ?? ""} []`);
    const next = /<[^>]*[?&]page=(\d+)[^>]*>;\s*rel="next"/.exec(response.headers.get("link") ?? "");
    return { body: body as T, nextPage: next ? Number(next[1]) : 0 };
  }
}

const schema: TfSchemaMap = {
  installation_id: { type: "string", required: true, forceNew: true },
  repository: { type: "string", required: true, forceNew: true },
  repo_id: { type: "int", computed: true },
};

/** github/util.go:56-77 parseID2 on `:`. */
function parseID2(id: string): [string, string] {
  const i = id.indexOf(":");
  if (id === "") throw new Error("id is empty");
  if (i < 0) throw new Error(`unexpected ID format (${JSON.stringify(id)}); expected 2 parts separated by ":"`);
  return [id.slice(0, i), id.slice(i + 1)];
}

function parseInstallationId(value: string): number {
  if (!/^-?\d+$/.test(value)) throw new Error(`unexpected ID format (${JSON.stringify(value)}), expected numerical ID`);
  return Number(value);
}

async function read(d: ResourceData, client: GithubClient): Promise<void> {
  // Lines 68-114: the installation's repositories, matched by exact *name* (not owner/name).
  const [installationIdString, repoName] = parseID2(d.id());
  const installationId = parseInstallationId(installationIdString);
  let page = 0;
  for (;;) {
    const { body, nextPage } = await client.do<{ repositories: { id: number; name: string }[] }>(
      "GET",
      `user/installations/${installationId}/repositories?per_page=100${page ? `&page=${page}` : ""}`,
    );
    for (const repository of body.repositories) {
      if (repository.name === repoName) {
        d.set("installation_id", installationIdString);
        d.set("repository", repoName);
        d.set("repo_id", repository.id);
        return;
      }
    }
    if (nextPage === 0) break;
    page = nextPage;
  }
  // Removed from the state: "it no longer exists in GitHub".
  d.setId("");
}

export const appInstallationRepository: TfResource<GithubClient> = {
  token: "github:index/appInstallationRepository:AppInstallationRepository",
  schema,
  async create(d, client) {
    // Lines 42-66: the repository's id under the provider's owner, then PUT it into the installation.
    const installationIdString = String(d.get("installation_id"));
    const installationId = parseInstallationId(installationIdString);
    const repoName = String(d.get("repository"));
    const repository = (await client.do<{ id: number }>("GET", `repos/${client.owner}/${repoName}`)).body;
    await client.do("PUT", `user/installations/${installationId}/repositories/${repository.id}`);
    d.setId(`${installationIdString}:${repoName}`);
    await read(d, client);
  },
  read,
  async delete(d, client) {
    // Lines 116-133.
    const installationId = parseInstallationId(String(d.get("installation_id")));
    await client.do("DELETE", `user/installations/${installationId}/repositories/${Number(d.get("repo_id"))}`);
  },
};

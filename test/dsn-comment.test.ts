// The comment a merged pull request gets: each new project's DSN and a setup snippet that follows the
// community's rules (environment and release set, low trace sample rate, no default personal data).
import { describe, expect, it } from "vitest";
import { newProjectsComment, projectsToAnnounce } from "../src/delivery/dsn-comment";
import { sdkSnippet } from "../src/delivery/sdk-snippets";
import { buildDesiredOrganization } from "../src/model/organization";
import { prodPolicy, validate } from "./helpers/team-files";

const DSN = "https://abc@sentry.incubateur.net/42";

describe("sdkSnippet", () => {
  it.each([
    [
      "javascript-react",
      "js",
      '"@sentry/react"',
      ["environment:", "release:", "tracesSampleRate: 0.1", "sendDefaultPii: false"],
    ],
    ["javascript-nextjs", "js", '"@sentry/nextjs"', ["tracesSampleRate: 0.1", "sendDefaultPii: false"]],
    ["javascript-vue", "js", '"@sentry/vue"', ["sendDefaultPii: false"]],
    ["node-express", "js", '"@sentry/node"', ["sendDefaultPii: false"]],
    [
      "python-django",
      "python",
      "sentry_sdk.init(",
      ["environment=", "release=", "traces_sample_rate=0.1", "send_default_pii=False"],
    ],
    [
      "ruby-rails",
      "ruby",
      "Sentry.init do |config|",
      ["config.environment", "config.release", "config.traces_sample_rate = 0.1", "config.send_default_pii = false"],
    ],
    [
      "php-symfony",
      "php",
      "\\Sentry\\init([",
      ["'environment'", "'release'", "'traces_sample_rate' => 0.1", "'send_default_pii' => false"],
    ],
    [undefined, "text", "DSN:", ["environment", "release", "0.1 or less"]],
  ])("%s", (platform, language, opening, settings) => {
    const snippet = sdkSnippet(platform, DSN, "en");
    expect(snippet.language).toBe(language);
    expect(snippet.code).toContain(opening);
    expect(snippet.code).toContain(DSN);
    for (const setting of settings) expect(snippet.code).toContain(setting);
  });

  it.each([
    [
      "javascript-react",
      [
        "tracesSampleRate: 0.1, // en production, bien en dessous de 1",
        "sendDefaultPii: false, // jamais de données personnelles",
        "release: process.env.SENTRY_RELEASE, // par exemple le SHA git du build",
      ],
    ],
    [
      "python-django",
      [
        "traces_sample_rate=0.1,  # en production, bien en dessous de 1",
        "send_default_pii=False,  # jamais de données personnelles",
      ],
    ],
    ["ruby-rails", ["config.send_default_pii = false # jamais de données personnelles"]],
    ["php-symfony", ["'send_default_pii' => false, // jamais de données personnelles"]],
    [undefined, ["Réglez dans votre SDK : environment (un par déploiement)", "0,1 ou moins"]],
  ])("%s: its comments in French", (platform, lines) => {
    const code = sdkSnippet(platform, DSN, "fr").code;
    for (const line of lines) expect(code).toContain(line);
    expect(code).not.toMatch(/keep production|never send|Set in your SDK/);
  });
});

describe("projectsToAnnounce", () => {
  const model = (files: Record<string, string>) => buildDesiredOrganization(validate(files).teams, prodPolicy);
  const file = (...slugs: string[]) =>
    model({ "teams/a.yaml": `name: A\nprojects:\n${slugs.map((s) => `  - slug: ${s}\n`).join("")}` });
  const slugsOf = (projects: { slug: string }[]) => projects.map((p) => p.slug);

  it.each([
    [
      "a commit that adds one project",
      { commit: file("old", "fresh"), beforeCommit: file("old"), lastDeployed: file("old") },
      ["fresh"],
    ],
    [
      "a project added by an earlier commit whose deploy failed is not this commit's",
      { commit: file("old", "a", "b"), beforeCommit: file("old", "a"), lastDeployed: file("old") },
      ["b"],
    ],
    [
      "the earlier commit of that failed deploy gets its project when it is announced",
      { commit: file("old", "a"), beforeCommit: file("old"), lastDeployed: file("old") },
      ["a"],
    ],
    [
      "already deployed",
      { commit: file("old", "fresh"), beforeCommit: file("old"), lastDeployed: file("old", "fresh") },
      [],
    ],
    [
      "first deployment ever",
      { commit: file("old", "fresh"), beforeCommit: undefined, lastDeployed: undefined },
      ["fresh", "old"],
    ],
    [
      "adopted projects existed before",
      { commit: file("old", "fresh"), beforeCommit: undefined, lastDeployed: undefined, adopted: new Set(["old"]) },
      ["fresh"],
    ],
  ])("%s", (_label, history, expected) => {
    expect(slugsOf(projectsToAnnounce({ now: file("old", "a", "b", "fresh"), ...history }))).toEqual(expected);
  });

  it("does not announce a project removed again since", () => {
    expect(projectsToAnnounce({ now: file("old"), commit: file("old", "fresh"), beforeCommit: file("old") })).toEqual(
      [],
    );
  });
});

describe("newProjectsComment", () => {
  const model = (files: Record<string, string>) => buildDesiredOrganization(validate(files).teams, prodPolicy);
  const head = model({
    "teams/a.yaml": "name: A\nprojects:\n  - slug: old\n  - slug: fresh\n    platform: python-django\n",
  });
  const fresh = head.projects.filter((p) => p.slug === "fresh");

  it("gives each project its DSN and snippet, in French", () => {
    const comment = newProjectsComment(
      fresh,
      "betagouv",
      { projectDsns: { fresh: DSN } },
      "https://sentry.incubateur.net/",
      "fr",
    )!;
    expect(comment).toBe(
      [
        "## Sentry : vos nouveaux projets sont prêts",
        "",
        "N'envoyez jamais de données personnelles à Sentry : gardez les données personnelles par défaut désactivées et ne mettez ni e-mail ni nom dans `setUser`.",
        "",
        "### `fresh` (python-django)",
        "",
        `DSN (public) : \`${DSN}\``,
        "",
        "```python",
        sdkSnippet("python-django", DSN, "fr").code,
        "```",
        "",
        "Source maps et releases : `url: https://sentry.incubateur.net/`, `org: betagouv`, `project: fresh`.",
        "",
      ].join("\n"),
    );
  });

  it("in English", () => {
    const comment = newProjectsComment(
      fresh,
      "betagouv",
      { projectDsns: { fresh: DSN } },
      "https://sentry.incubateur.net/",
      "en",
    )!;
    expect(comment).toContain("## Sentry: your new project(s) are ready");
    expect(comment).toContain(`DSN (public): \`${DSN}\``);
    expect(comment).toContain("send_default_pii=False,  # never send personal data");
    expect(comment).toContain(
      "Source maps and releases: `url: https://sentry.incubateur.net/`, `org: betagouv`, `project: fresh`.",
    );
    expect(comment).not.toContain("`old`");
  });

  it("says so when the DSN is missing from the outputs", () => {
    expect(newProjectsComment(fresh, "betagouv", {}, "https://sentry.incubateur.net/", "fr")).toContain(
      "Pas encore de DSN dans les sorties de la stack : demandez aux ops de vérifier le déploiement.",
    );
    expect(newProjectsComment(fresh, "betagouv", {}, "https://sentry.incubateur.net/", "en")).toContain(
      "No DSN in the stack outputs yet",
    );
  });

  it("is empty when there is nothing to announce", () => {
    expect(
      newProjectsComment([], "betagouv", { projectDsns: {} }, "https://sentry.incubateur.net/", "fr"),
    ).toBeUndefined();
  });
});

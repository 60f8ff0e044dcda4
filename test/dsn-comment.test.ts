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
    const snippet = sdkSnippet(platform, DSN);
    expect(snippet.language).toBe(language);
    expect(snippet.code).toContain(opening);
    expect(snippet.code).toContain(DSN);
    for (const setting of settings) expect(snippet.code).toContain(setting);
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

  it("gives each project its DSN and snippet", () => {
    const comment = newProjectsComment(
      fresh,
      "betagouv",
      { projectDsns: { fresh: DSN } },
      "https://sentry.incubateur.net/",
    )!;
    expect(comment).toContain("### `fresh` (python-django)");
    expect(comment).toContain(`DSN (public): \`${DSN}\``);
    expect(comment).toContain("send_default_pii=False");
    expect(comment).toContain("`url: https://sentry.incubateur.net/`, `org: betagouv`, `project: fresh`");
    expect(comment).not.toContain("`old`");
  });

  it("says so when the DSN is missing from the outputs", () => {
    expect(newProjectsComment(fresh, "betagouv", {}, "https://sentry.incubateur.net/")).toContain(
      "No DSN in the stack outputs yet",
    );
  });

  it("is empty when there is nothing to announce", () => {
    expect(newProjectsComment([], "betagouv", { projectDsns: {} }, "https://sentry.incubateur.net/")).toBeUndefined();
  });
});

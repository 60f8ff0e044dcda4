// The comment a merged pull request gets: each new project's DSN and a setup snippet that follows the
// community's rules (environment and release set, low trace sample rate, no default personal data).
import { describe, expect, it } from "vitest";
import { newProjectsComment } from "../src/delivery/dsn-comment";
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

describe("newProjectsComment", () => {
  const model = (files: Record<string, string>) => buildDesiredOrganization(validate(files).teams, prodPolicy);
  const base = model({ "teams/a.yaml": "name: A\nprojects:\n  - slug: old\n" });
  const head = model({
    "teams/a.yaml": "name: A\nprojects:\n  - slug: old\n  - slug: fresh\n    platform: python-django\n",
  });

  it("lists only the projects the change added, with their DSN and snippet", () => {
    const comment = newProjectsComment(
      head,
      base,
      { projectDsns: { old: "https://old@x/1", fresh: DSN } },
      "https://sentry.incubateur.net/",
    )!;
    expect(comment).toContain("### `fresh` (python-django)");
    expect(comment).toContain(`DSN (public): \`${DSN}\``);
    expect(comment).toContain("send_default_pii=False");
    expect(comment).toContain("`url: https://sentry.incubateur.net/`, `org: betagouv`, `project: fresh`");
    expect(comment).not.toContain("`old`");
  });

  it("says so when the DSN is missing from the outputs", () => {
    expect(newProjectsComment(head, base, {}, "https://sentry.incubateur.net/")).toContain(
      "No DSN in the stack outputs yet",
    );
  });

  it("is empty when nothing was added", () => {
    expect(newProjectsComment(base, base, { projectDsns: {} }, "https://sentry.incubateur.net/")).toBeUndefined();
  });

  it("treats every project as new on the first deployment (no teams/ before)", () => {
    expect(
      newProjectsComment(head, undefined, { projectDsns: { old: "https://old@x/1", fresh: DSN } }, "https://s/"),
    ).toContain("### `old`");
  });
});

// npm run -s dsn-comment -- --commit REV [--since REV] --outputs FILE [--stack prod] [--lang fr|en]
// Markdown for the projects that the merged commit REV added and that were not deployed at --since
// (the commit of the last successful deployment), with their DSN (from `pulumi stack output --json`)
// and a setup snippet; prints nothing when there is none.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { newProjectsComment, projectsToAnnounce, type StackOutputs } from "../delivery/dsn-comment";
import { git, modelAtRevision, modelOfDirectory, TEAMS_DIR } from "../delivery/git";
import { chooseLanguage } from "../i18n/language";
import { DEFAULT_STACK, loadStackPolicy, readStackConfig } from "../stack/stack-file";
import { command } from "./run";

command({
  script: "dsn-comment",
  silent: true,
  localized: true,
  summary:
    "Prints the comment for a merged pull request: the DSN and a setup snippet of each project its commit\nadded that was not deployed at --since; prints nothing when there is none.",
  options: {
    commit: { type: "string", required: true, value: "REV", help: "the merged commit (first-parent history of main)" },
    since: { type: "string", value: "REV", help: "the commit of the last successful deployment" },
    outputs: { type: "string", required: true, value: "FILE", help: "the JSON of `pulumi stack output --json`" },
    stack: { type: "string", default: DEFAULT_STACK, value: "NAME", help: "configuration of Pulumi.NAME.yaml" },
  },
  exit: { ok: "comment printed (or nothing to announce)" },
  async run({ values, lang: option }) {
    const policy = loadStackPolicy(values.stack, process.cwd());
    const lang = chooseLanguage(option, policy.language);
    let outputs: StackOutputs;
    try {
      outputs = JSON.parse(readFileSync(values.outputs, "utf8")) as StackOutputs;
    } catch {
      throw new Error(`${values.outputs} is not the JSON of \`pulumi stack output --json\``);
    }
    const sentryUrl = `${new URL(String(readStackConfig(values.stack, process.cwd())["sentry:baseUrl"])).origin}/`;
    const parents = git(["rev-list", "--parents", "-n", "1", values.commit]).trim().split(" ");
    const now = modelOfDirectory(join(process.cwd(), TEAMS_DIR), policy);
    const projects = projectsToAnnounce({
      now,
      commit: (await modelAtRevision(values.commit, policy)) ?? now,
      beforeCommit: parents[1] ? await modelAtRevision(parents[1], policy) : undefined,
      lastDeployed: values.since ? await modelAtRevision(values.since, policy) : undefined,
      adopted: new Set(now.projects.filter((p) => p.adoption?.importId !== undefined).map((p) => p.slug)),
    });
    return { output: newProjectsComment(projects, now.organization, outputs, sentryUrl, lang) ?? "", exitCode: 0 };
  },
});

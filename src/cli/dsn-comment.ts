// npm run -s dsn-comment -- --commit REV [--since REV] --outputs FILE [--stack prod]
// Markdown for the projects that the merged commit REV added and that were not deployed at --since
// (the commit of the last successful deployment), with their DSN (from `pulumi stack output --json`)
// and a setup snippet; prints nothing when there is none.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { newProjectsComment, projectsToAnnounce, type StackOutputs } from "../delivery/dsn-comment";
import { git, modelAtRevision, modelOfDirectory, TEAMS_DIR } from "../delivery/git";
import { DEFAULT_STACK, loadStackPolicy, readStackConfig } from "../stack/stack-file";
import { runCli, UsageError } from "./run";

const USAGE = "usage: npm run -s dsn-comment -- --commit REV [--since REV] --outputs FILE [--stack prod]";

runCli(USAGE, async () => {
  const { values } = parseArgs({
    options: {
      commit: { type: "string" },
      since: { type: "string" },
      outputs: { type: "string" },
      stack: { type: "string", default: DEFAULT_STACK },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return { output: USAGE, exitCode: 0 };
  if (!values.commit || !values.outputs) throw new UsageError("--commit REV and --outputs FILE are required");
  const policy = loadStackPolicy(values.stack, process.cwd());
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
  return { output: newProjectsComment(projects, now.organization, outputs, sentryUrl) ?? "", exitCode: 0 };
});

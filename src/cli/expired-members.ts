// npm run -s expired-members -- --list [--dir teams] [--stack prod] [--today YYYY-MM-DD]
// npm run -s expired-members -- --team SLUG --body FILE [--dir teams] [--stack prod] [--today YYYY-MM-DD]
// For the scheduled workflow that opens one pull request per team: --list prints the slugs of the valid
// team files that still list a member whose access has ended; --team rewrites that file without them
// (comments and layout kept), writes the pull request body to FILE and prints its title.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expiredMembersBody, expiredMembersTitle } from "../delivery/expired-members";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { formatText } from "../team-file/diagnostics";
import { removeEndedMembers } from "../team-file/expired-members";
import { isCalendarDate, parisDate } from "../team-file/expiry";
import { readTeamDirectory } from "../team-file/load";
import { validateTeamFiles } from "../team-file/validate";
import { command, UsageError } from "./run";

command({
  script: "expired-members",
  silent: true,
  summary:
    "For the workflow that opens one pull request per team: --list prints the slugs of the valid team files\nthat list a member whose access has ended (until:, Paris time); --team rewrites teams/SLUG.yaml without\nthem (comments and layout kept), writes the pull request body to FILE and prints its title.",
  options: {
    list: { type: "boolean", help: "print the slugs of the team files to clean, one per line" },
    team: { type: "string", value: "SLUG", help: "rewrite this team's file (needs --body)" },
    body: { type: "string", value: "FILE", help: "where the pull request body is written" },
    dir: { type: "string", default: "teams", value: "DIR", help: "folder of team files" },
    stack: { type: "string", default: DEFAULT_STACK, value: "NAME", help: "configuration of Pulumi.NAME.yaml" },
    today: { type: "string", value: "YYYY-MM-DD", help: "the run's day (default: today in Europe/Paris)" },
  },
  exit: { ok: "done", findings: "--team SLUG has no valid file with a member whose access has ended" },
  run({ values }) {
    if (values.list === (values.team !== undefined)) throw new UsageError("give either --list or --team SLUG");
    if (values.team !== undefined && values.body === undefined) throw new UsageError("--team needs --body FILE");
    const today = values.today ?? parisDate(new Date());
    if (!isCalendarDate(today)) throw new UsageError(`--today ${values.today}: write a day as YYYY-MM-DD`);

    const policy = loadStackPolicy(values.stack, process.cwd());
    const inputs = readTeamDirectory(values.dir);
    const { teams } = validateTeamFiles(inputs, policy, { today });
    const textOf = (file: string) => Buffer.from(inputs.find((input) => input.file === file)!.bytes).toString("utf8");
    const removals = teams.flatMap((team) => {
      const removal = removeEndedMembers(textOf(team.file), today);
      return removal ? [{ team, removal }] : [];
    });

    if (values.list) return { output: removals.map(({ team }) => team.slug).join("\n"), exitCode: 0 };

    const found = removals.find(({ team }) => team.slug === values.team);
    if (!found) {
      process.stderr.write(
        `no valid team file ${join(values.dir, `${values.team}.yaml`)} with a member whose access has ended\n`,
      );
      return { output: "", exitCode: 1 };
    }
    const { team, removal } = found;
    writeFileSync(team.file, removal.text);
    const after = validateTeamFiles(
      inputs.map((input) =>
        input.file === team.file ? { ...input, bytes: Buffer.from(removal.text, "utf8") } : input,
      ),
      policy,
      { today },
    );
    const errors = after.diagnostics.filter((d) => d.file === team.file).map((d) => formatText(d, "fr"));
    writeFileSync(
      values.body!,
      expiredMembersBody({ file: team.file, removed: removal.removed, recipients: removal.recipients, errors }),
    );
    return { output: expiredMembersTitle(team.slug), exitCode: 0 };
  },
});

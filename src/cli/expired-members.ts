// npm run -s expired-members -- --list [--dir teams] [--stack prod] [--today YYYY-MM-DD]
// npm run -s expired-members -- --team SLUG --body FILE [--dir teams] [--stack prod] [--today YYYY-MM-DD]
// For the scheduled workflow that opens one pull request per team: --list prints the slugs of the valid
// team files that still list a member whose access has ended; --team rewrites that file without them
// (comments and layout kept), writes the pull request body to FILE and prints its title.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { expiredMembersBody, expiredMembersTitle } from "../delivery/expired-members";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { formatText } from "../team-file/diagnostics";
import { removeEndedMembers } from "../team-file/expired-members";
import { isCalendarDate, parisDate } from "../team-file/expiry";
import { readTeamDirectory } from "../team-file/load";
import { validateTeamFiles } from "../team-file/validate";
import { runCli, UsageError } from "./run";

const USAGE = `usage: npm run -s expired-members -- --list [--dir teams] [--stack ${DEFAULT_STACK}] [--today YYYY-MM-DD]
       npm run -s expired-members -- --team SLUG --body FILE [--dir teams] [--stack ${DEFAULT_STACK}] [--today YYYY-MM-DD]

--list prints the slugs of the valid team files that list a member whose access has ended (until:,
Paris time); --team rewrites teams/SLUG.yaml without them, writes the pull request body to FILE and
prints its title. --today sets the run's day (default: today in Europe/Paris).
Exit codes: 0 done, 1 nothing to remove or an invalid file, 2 usage error.`;

runCli(USAGE, () => {
  const { values } = parseArgs({
    options: {
      list: { type: "boolean" },
      team: { type: "string" },
      body: { type: "string" },
      dir: { type: "string", default: "teams" },
      stack: { type: "string", default: DEFAULT_STACK },
      today: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  if (values.help) return { output: USAGE, exitCode: 0 };
  if (Boolean(values.list) === (values.team !== undefined)) throw new UsageError("give either --list or --team SLUG");
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
  if (!found)
    throw new Error(
      `no valid team file ${join(values.dir, `${values.team}.yaml`)} with a member whose access has ended`,
    );
  const { team, removal } = found;
  writeFileSync(team.file, removal.text);
  const after = validateTeamFiles(
    inputs.map((input) => (input.file === team.file ? { ...input, bytes: Buffer.from(removal.text, "utf8") } : input)),
    policy,
    { today },
  );
  const errors = after.diagnostics.filter((d) => d.file === team.file).map((d) => formatText(d, "fr"));
  writeFileSync(
    values.body!,
    expiredMembersBody({ file: team.file, removed: removal.removed, recipients: removal.recipients, errors }),
  );
  return { output: expiredMembersTitle(team.slug), exitCode: 0 };
});

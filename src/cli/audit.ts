// npm run audit -- [--url URL] [--org ORG] [--token TOKEN] [--dir teams] [--stack prod] [--format text|json]
// Exit 0 when Sentry and the team files agree, 1 when they differ.
import { auditIsClean, auditOrganization, auditText } from "../adoption/audit";
import { readLiveOrganization } from "../adoption/live";
import { buildDesiredOrganization } from "../model/organization";
import { readValidTeams } from "../team-file/load";
import { LIVE_OPTIONS, liveClient, liveInstance, TOKEN_NOTE } from "./connection";
import { withRequestCount } from "./progress";
import { command } from "./run";

command({
  script: "audit",
  summary:
    "Compares a live Sentry organization with the team files: what Sentry has that no file declares, what\nthe files declare that Sentry lacks, members in no team.",
  options: {
    ...LIVE_OPTIONS,
    dir: { type: "string", default: "teams", value: "DIR", help: "folder of team files (they must be valid)" },
    format: { type: "string", default: "text", choices: ["text", "json"], help: "text, or json on stdout" },
  },
  notes: `${TOKEN_NOTE}\nFor JSON a program can read, run \`npm run -s audit -- ... --format json\` (npm's banner otherwise).`,
  exit: { ok: "Sentry and the team files agree", findings: "they differ" },
  async run({ values, progress }) {
    const { url, org, policy } = liveInstance(values);
    const client = liveClient({ url, token: values.token });
    const teams = readValidTeams(values.dir, policy, "they must be valid to audit against them");
    const live = await withRequestCount(progress, `reading ${org}`, client.stats, () =>
      readLiveOrganization(client, org),
    );
    const report = auditOrganization(live, buildDesiredOrganization(teams, policy));
    return {
      output: values.format === "json" ? JSON.stringify(report, null, 2) : auditText(report),
      exitCode: auditIsClean(report) ? 0 : 1,
    };
  },
});

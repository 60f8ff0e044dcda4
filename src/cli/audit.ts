// npm run audit -- --url URL [--token TOKEN] --org ORG [--dir teams] [--stack prod] [--format text|json]
// Exit 0 when Sentry and the team files agree, 1 when they differ.
import { auditIsClean, auditOrganization, auditText } from "../adoption/audit";
import { readLiveOrganization } from "../adoption/live";
import { buildDesiredOrganization } from "../model/organization";
import { loadStackPolicy } from "../stack/stack-file";
import { readValidTeams } from "../team-file/load";
import { liveConnection } from "./connection";
import { runCli, UsageError } from "./run";

runCli(
  "usage: npm run audit -- --url URL [--token TOKEN] --org ORG [--dir teams] [--stack prod] [--format text|json]",
  async () => {
    const { values, client } = liveConnection();
    if (values.format !== "text" && values.format !== "json") throw new UsageError(`unknown format "${values.format}"`);
    const policy = loadStackPolicy(values.stack, process.cwd());
    const teams = readValidTeams(values.dir, policy, "they must be valid to audit against them");
    const report = auditOrganization(
      await readLiveOrganization(client, values.org),
      buildDesiredOrganization(teams, policy),
    );
    return {
      output: values.format === "json" ? JSON.stringify(report, null, 2) : auditText(report),
      exitCode: auditIsClean(report) ? 0 : 1,
    };
  },
);

// npm run import -- --url URL [--token TOKEN] --org ORG --out DIR [--stack prod]
// Reads a live organization and writes one team file per team, the adoption file and a report.
import { readLiveOrganization } from "../adoption/live";
import { importOrganization } from "../adoption/importer";
import { REPORT_FILE, writeImport } from "../adoption/write";
import { loadStackPolicy } from "../stack/stack-file";
import { liveConnection } from "./connection";
import { runCli, UsageError } from "./run";

runCli("usage: npm run import -- --url URL [--token TOKEN] --org ORG --out DIR [--stack prod]", async () => {
  const { values, client } = liveConnection();
  if (!values.out) throw new UsageError("--out DIR is required (a new folder)");
  const policy = loadStackPolicy(values.stack, process.cwd());
  const result = importOrganization(await readLiveOrganization(client, values.org), policy);
  writeImport(result, values.out, policy);
  return {
    output: [
      `Imported ${result.files.size} team(s) of "${values.org}" into ${values.out} (${client.stats.requests} requests).`,
      `${result.report.length} item(s) could not be expressed in team files: see ${values.out}/${REPORT_FILE}.`,
      `Check it with: npm run plan -- --dir ${values.out}   (adopted resources show their "import" ID)`,
    ].join("\n"),
    exitCode: 0,
  };
});

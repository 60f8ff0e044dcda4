// npm run import -- [--url URL] [--org ORG] [--token TOKEN] --out DIR [--stack prod]
// Reads a live organization and writes one team file per team, the adoption file and a report.
import { readLiveOrganization } from "../adoption/live";
import { importOrganization } from "../adoption/importer";
import { REPORT_FILE, writeImport } from "../adoption/write";
import { LIVE_OPTIONS, liveClient, liveInstance, TOKEN_NOTE } from "./connection";
import { withRequestCount } from "./progress";
import { command } from "./run";

command({
  script: "import",
  summary:
    "Reads a live Sentry organization and writes, into a new folder, one team file per team, the adoption\nfile (import IDs) and import-report.md (what team files cannot express). Nothing is written on failure.",
  options: {
    ...LIVE_OPTIONS,
    out: { type: "string", required: true, value: "DIR", help: "the new folder to write" },
  },
  notes: TOKEN_NOTE,
  exit: { ok: "imported" },
  async run({ values, progress }) {
    const { url, org, policy } = liveInstance(values);
    const client = liveClient({ url, token: values.token });
    const live = await withRequestCount(progress, `reading ${org}`, client.stats, () =>
      readLiveOrganization(client, org),
    );
    const result = importOrganization(live, policy);
    writeImport(result, values.out, policy);
    return {
      output: [
        `Imported ${result.files.size} team(s) of "${org}" into ${values.out} (${client.stats.requests} requests).`,
        `${result.report.length} item(s) could not be expressed in team files: see ${values.out}/${REPORT_FILE}.`,
        `Check it with: npm run plan -- --dir ${values.out}   (adopted resources show their "import" ID)`,
      ].join("\n"),
      exitCode: 0,
    };
  },
});

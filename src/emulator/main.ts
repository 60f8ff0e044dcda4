// npm run emulator -- --port PORT --token TOKEN [--org betagouv] [--from DIR] [--stack prod] [--latency MS]
// A local Sentry API emulator for tests and local trials. It is a test double, not Sentry.
import { parseArgs } from "node:util";
import { SentryEmulator } from "./server";
import { seedFromModel, seedIntegrations } from "./seed";
import { buildDesiredOrganization } from "../model/organization";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { readValidTeams } from "../team-file/load";
import { UsageError } from "../cli/run";

const USAGE =
  "usage: npm run emulator -- --port PORT --token TOKEN [--org ORG] [--from DIR] [--stack prod] [--latency MS]";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      token: { type: "string" },
      org: { type: "string" },
      from: { type: "string" },
      stack: { type: "string", default: DEFAULT_STACK },
      latency: { type: "string", default: "0" },
    },
    strict: true,
  });
  if (!values.token) throw new UsageError("--token TOKEN is required: the bearer token the emulator accepts");
  const policy = loadStackPolicy(values.stack, process.cwd());
  const emulator = new SentryEmulator({
    organization: values.org ?? policy.organization,
    tokens: values.token,
    latencyMs: Number(values.latency),
  });
  seedIntegrations(emulator.state, policy);
  if (values.from) {
    seedFromModel(
      emulator.state,
      buildDesiredOrganization(readValidTeams(values.from, policy, "the emulator cannot be seeded from them"), policy),
    );
  }
  await emulator.listen(Number(values.port));
  process.stdout.write(
    `Sentry emulator (a test double) for organization "${emulator.state.organization.slug}" at ${emulator.baseUrl}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `error: ${error instanceof Error ? error.message : String(error)}\n${error instanceof UsageError ? `${USAGE}\n` : ""}`,
  );
  process.exitCode = error instanceof UsageError ? 2 : 1;
});

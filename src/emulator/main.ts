// npm run emulator -- --port PORT --token TOKEN [--org betagouv] [--from DIR] [--stack prod] [--latency MS]
// A local Sentry API emulator for tests and local trials. It is a test double, not Sentry.
import { SentryEmulator } from "./server";
import { seedFromModel, seedIntegrations } from "./seed";
import { buildDesiredOrganization } from "../model/organization";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { readValidTeams } from "../team-file/load";
import { command, UsageError } from "../cli/run";

command({
  script: "emulator",
  summary:
    "Serves, on 127.0.0.1, an in-memory Sentry organization answering the API calls this project makes. It\nis a test double, not Sentry. Runs until stopped (Ctrl-C).",
  options: {
    port: { type: "string", default: "0", value: "PORT", help: "port to listen on (0: any free port)" },
    token: { type: "string", required: true, value: "TOKEN", help: "the bearer token the emulator accepts" },
    org: { type: "string", value: "ORG", help: "organization slug (default: the stack's)" },
    from: { type: "string", value: "DIR", help: "seed the organization from these (valid) team files" },
    stack: { type: "string", default: DEFAULT_STACK, value: "NAME", help: "policy of Pulumi.NAME.yaml" },
    latency: { type: "string", default: "0", value: "MS", help: "delay added to every answer" },
  },
  exit: { ok: "stopped" },
  async run({ values }) {
    const port = Number(values.port);
    const latencyMs = Number(values.latency);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port takes a port number");
    if (!(latencyMs >= 0)) throw new UsageError("--latency takes a number of milliseconds");
    const policy = loadStackPolicy(values.stack, process.cwd());
    const emulator = new SentryEmulator({
      organization: values.org ?? policy.organization,
      tokens: values.token,
      latencyMs,
    });
    seedIntegrations(emulator.state, policy);
    if (values.from) {
      seedFromModel(
        emulator.state,
        buildDesiredOrganization(
          readValidTeams(values.from, policy, "the emulator cannot be seeded from them"),
          policy,
        ),
      );
    }
    await emulator.listen(port);
    return {
      output: `Sentry emulator (a test double) for organization "${emulator.state.organization.slug}" at ${emulator.baseUrl}`,
      exitCode: 0,
    };
  },
});

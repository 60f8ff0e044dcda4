// Our dynamic resources as a real `pulumi up` runs them: in Pulumi's own dynamic provider host
// (`@pulumi/pulumi/cmd/dynamic-provider/index.js`, the program behind `pulumi-resource-pulumi-nodejs`),
// started as a separate Node process with the project root as working directory, spoken to over
// gRPC with the requests the engine sends. The host `require`s the serialized `__provider` text of
// each resource (index.js:67-80, require-from-string), so the code that runs is the text stored in
// the state, not the TypeScript under test.
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";

export type Props = Record<string, unknown>;

export interface DynamicDiff {
  changes: "some" | "none" | "unknown";
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** A failed call: the message the host sent back (it is what `pulumi up` prints). */
export class DynamicProviderError extends Error {}

type Client = InstanceType<typeof provrpc.ResourceProviderClient>;

const HOST = join("node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");

const struct = (value: Props) => structproto.Struct.fromJavaScript(value as Record<string, never>);

/** One host process, as the engine starts one `pulumi-resource-pulumi-nodejs` plugin per deployment. */
export class DynamicProviderHost {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: Client,
  ) {}

  /**
   * @param projectDir the Pulumi project root: the engine starts language plugins there.
   * @param env the deploying job's environment (the providers read their token from it).
   */
  static async start(projectDir: string, env: NodeJS.ProcessEnv): Promise<DynamicProviderHost> {
    // The host wants the engine's address as its first argument (index.js:399-405); it never calls it.
    const child = spawn(
      process.execPath,
      [join(__dirname, "host-launcher.js"), join(projectDir, HOST), "127.0.0.1:0"],
      {
        cwd: projectDir,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    // Never outlive the test process: stopped on exit, and the launcher leaves if it is orphaned.
    const kill = () => child.kill();
    process.once("exit", kill);
    child.once("exit", () => process.removeListener("exit", kill));
    const stderr: string[] = [];
    child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
    // It prints its port on the first line of stdout (index.js:424).
    const port = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.once("line", (line) => resolve(line.trim()));
      child.once("exit", (code) => reject(new Error(`dynamic provider host exited (${code}): ${stderr.join("")}`)));
    });
    const client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const host = new DynamicProviderHost(child, client);
    // The engine configures every provider before use; the dynamic host keeps the config for `configure`.
    const configure = new provproto.ConfigureRequest();
    configure.setArgs(struct({}));
    await host.call("configure", configure);
    return host;
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill();
      await exited;
    }
  }

  private call<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) => {
      (this.client as unknown as Record<string, (r: unknown, cb: (e: grpc.ServiceError | null, v: T) => void) => void>)[
        method
      ](request, (error, value) =>
        error ? reject(new DynamicProviderError(error.details || error.message)) : resolve(value),
      );
    });
  }

  /** CheckRequest: olds = the old inputs, news = the program's inputs (index.js:119-164). */
  async check(urn: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: string[] }> {
    const request = new provproto.CheckRequest();
    request.setUrn(urn);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    const response = await this.call<provproto.CheckResponse>("check", request);
    return {
      inputs: response.getInputs()!.toJavaScript(),
      failures: response.getFailuresList().map((f) => `${f.getProperty()}: ${f.getReason()}`),
    };
  }

  /** DiffRequest: olds = the old *outputs*, news = the checked inputs (index.js:166-210). */
  async diff(urn: string, id: string, olds: Props, news: Props, oldInputs: Props): Promise<DynamicDiff> {
    const request = new provproto.DiffRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    request.setOldInputs(struct(oldInputs));
    const response = await this.call<provproto.DiffResponse>("diff", request);
    const changes = response.getChanges();
    const kinds = provproto.DiffResponse.DiffChanges;
    return {
      changes: changes === kinds.DIFF_SOME ? "some" : changes === kinds.DIFF_NONE ? "none" : "unknown",
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  async create(urn: string, properties: Props): Promise<{ id: string; outputs: Props }> {
    const request = new provproto.CreateRequest();
    request.setUrn(urn);
    request.setProperties(struct(properties));
    const response = await this.call<provproto.CreateResponse>("create", request);
    return { id: response.getId(), outputs: response.getProperties()!.toJavaScript() };
  }

  /** ReadRequest: properties = the old outputs, inputs = the old inputs (index.js:229-266). */
  async read(
    urn: string,
    id: string,
    properties: Props,
    inputs: Props,
  ): Promise<{ id: string; outputs: Props; inputs?: Props }> {
    const request = new provproto.ReadRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setProperties(struct(properties));
    request.setInputs(struct(inputs));
    const response = await this.call<provproto.ReadResponse>("read", request);
    return {
      id: response.getId(),
      outputs: response.getProperties()!.toJavaScript(),
      ...(response.getInputs() ? { inputs: response.getInputs()!.toJavaScript() } : {}),
    };
  }

  /** UpdateRequest: olds = the old outputs, news = the checked inputs (index.js:268-286). */
  async update(urn: string, id: string, olds: Props, news: Props, oldInputs: Props): Promise<Props> {
    const request = new provproto.UpdateRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    request.setOldInputs(struct(oldInputs));
    const response = await this.call<provproto.UpdateResponse>("update", request);
    return response.getProperties()!.toJavaScript();
  }

  /** DeleteRequest: properties = the old outputs (index.js:288-302). */
  async delete(urn: string, id: string, properties: Props, oldInputs: Props): Promise<void> {
    const request = new provproto.DeleteRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setProperties(struct(properties));
    request.setOldInputs(struct(oldInputs));
    await this.call("delete", request);
  }
}

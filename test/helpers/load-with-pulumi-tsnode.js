// Loads index.ts the way Pulumi's Node.js runtime does: its vendored ts-node 7.0.1 with the
// project's TypeScript and tsconfig.json (type-checked unless TRANSPILE_ONLY=true, like
// PULUMI_NODEJS_TRANSPILE_ONLY), under mocks. Prints how many resources the program registered.
const path = require("path");
const root = process.argv[2];
const pulumi = require(path.join(root, "node_modules/@pulumi/pulumi"));
const tsnode = require(path.join(root, "node_modules/@pulumi/pulumi/vendor/ts-node@7.0.1"));
tsnode.register({
  compiler: require.resolve("typescript", { paths: [root] }),
  transpileOnly: process.env.TRANSPILE_ONLY === "true",
  project: path.join(root, "tsconfig.json"),
  compilerOptions: {},
});
const count = { n: 0 };
const yaml = require(path.join(root, "node_modules/yaml"));
const fs = require("fs");
const config = yaml.parse(fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8")).config;
pulumi.runtime.setAllConfig(
  Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])),
);
pulumi.runtime
  .setMocks(
    {
      newResource: (a) => {
        count.n++;
        return { id: a.name + "-id", state: a.inputs };
      },
      call: () => ({}),
    },
    "sentry-incubateur",
    "prod",
    false,
  )
  .then(async () => {
    require(path.join(root, "index.ts"));
    await pulumi.runtime.disconnect();
    console.log("registered", count.n);
  });

// Serializes one dynamic provider the way a real `pulumi up` does: the provider's TypeScript compiled
// by Pulumi's own runtime compiler (its vendored ts-node 7.0.1 with the project's TypeScript), then
// `serializeFunction`, whose text the engine stores in the state and later runs in its provider host.
// Usage: node test/helpers/serialize-provider.js ROOT MODULE EXPORT OUT_FILE
const path = require("path");
const fs = require("fs");
const [root, modulePath, exportName, out] = process.argv.slice(2);
const pulumi = require(path.join(root, "node_modules/@pulumi/pulumi"));
require(path.join(root, "node_modules/@pulumi/pulumi/vendor/ts-node@7.0.1")).register({
  compiler: require.resolve("typescript", { paths: [root] }),
  transpileOnly: true,
  project: path.join(root, "tsconfig.json"),
  compilerOptions: {},
});
const provider = require(path.join(root, modulePath))[exportName];
pulumi.runtime
  .serializeFunction(() => provider, { allowSecrets: true })
  .then((serialized) => {
    fs.writeFileSync(out, `${serialized.text}\nmodule.exports.__containsSecrets = ${serialized.containsSecrets};\n`);
  });

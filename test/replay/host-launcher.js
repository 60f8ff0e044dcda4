/* global setInterval */
// Starts Pulumi's dynamic provider host in this process, unchanged, and ends the process when the test
// process that started it is gone (an orphaned host would keep its gRPC server running).
// Usage: node host-launcher.js HOST_SCRIPT ENGINE_ADDRESS
const [host, engine] = process.argv.slice(2);
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 500).unref();
process.argv = [process.argv[0], host, engine];
require(host);

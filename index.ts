// Entry point of `pulumi preview` / `pulumi up`; everything lives in src/.
import { runProgram } from "./src/pulumi/program";

const { dsns } = runProgram(__dirname);

/** Public DSN of each project, by project slug (public keys: safe to show). */
export const projectDsns = dsns;

// npm run codeowners [-- --check]: writes .github/CODEOWNERS, or (--check) fails when it is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CODEOWNERS_HEADER_PATH, CODEOWNERS_PATH, codeownersText } from "../delivery/codeowners";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { readValidTeams } from "../team-file/load";
import { runCli } from "./run";

const read = (path: string) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
};

runCli("usage: npm run codeowners [-- --check]", () => {
  const { values } = parseArgs({ options: { check: { type: "boolean", default: false } }, strict: true });
  const policy = loadStackPolicy(DEFAULT_STACK, process.cwd());
  const teams = readValidTeams("teams", policy, "fix them first");
  const header = read(CODEOWNERS_HEADER_PATH);
  if (header === undefined) throw new Error(`missing ${CODEOWNERS_HEADER_PATH}`);
  const expected = codeownersText(header, teams);
  if (!values.check) {
    writeFileSync(CODEOWNERS_PATH, expected);
    return { output: `wrote ${CODEOWNERS_PATH}`, exitCode: 0 };
  }
  if (read(CODEOWNERS_PATH) === expected) return { output: `${CODEOWNERS_PATH} is up to date.`, exitCode: 0 };
  return {
    output: `${CODEOWNERS_PATH} does not match the owners: lists of teams/: run \`npm run codeowners\` and commit the result.`,
    exitCode: 1,
  };
});

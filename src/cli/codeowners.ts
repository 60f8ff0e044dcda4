// npm run codeowners [-- --check]: writes .github/CODEOWNERS, or (--check) fails when it is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { structuredPatch } from "diff";
import { CODEOWNERS_HEADER_PATH, CODEOWNERS_PATH, codeownersText } from "../delivery/codeowners";
import { DEFAULT_STACK, loadStackPolicy } from "../stack/stack-file";
import { readValidTeams } from "../team-file/load";
import { command } from "./run";

const read = (path: string) => {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
};

command({
  script: "codeowners",
  summary: `Writes ${CODEOWNERS_PATH} from ${CODEOWNERS_HEADER_PATH} and the owners: list of each team file.`,
  options: {
    check: {
      type: "boolean",
      help: `write nothing; fail when ${CODEOWNERS_PATH} is stale, naming the lines to add or remove`,
    },
  },
  exit: { ok: "written, or up to date", findings: `${CODEOWNERS_PATH} is stale (--check)` },
  run({ values }) {
    const policy = loadStackPolicy(DEFAULT_STACK, process.cwd());
    const teams = readValidTeams("teams", policy, "fix them first");
    const header = read(CODEOWNERS_HEADER_PATH);
    if (header === undefined) throw new Error(`missing ${CODEOWNERS_HEADER_PATH}`);
    const expected = codeownersText(header, teams);
    if (!values.check) {
      writeFileSync(CODEOWNERS_PATH, expected);
      return { output: `wrote ${CODEOWNERS_PATH}`, exitCode: 0 };
    }
    const current = read(CODEOWNERS_PATH) ?? "";
    if (current === expected) return { output: `${CODEOWNERS_PATH} is up to date.`, exitCode: 0 };
    // The lines to change, with where they go in the current file, so that it can be fixed by hand in
    // GitHub's editor too. Owners are validated GitHub account names: nothing else from the files is printed.
    const changes = structuredPatch(CODEOWNERS_PATH, CODEOWNERS_PATH, current, expected, "", "", {
      context: 0,
    }).hunks.flatMap((hunk) => {
      // Added lines take the place of the hunk's removed ones, after the line before them (jsdiff gives
      // a pure insertion the number of the line it goes before).
      let removed = hunk.oldStart;
      const after = hunk.oldStart - 1;
      return hunk.lines.map((line) =>
        line.startsWith("-")
          ? `  ligne ${removed}, retirer / line ${removed++}, remove:  ${line.slice(1)}`
          : `  après la ligne ${after}, ajouter / after line ${after}, add:  ${line.slice(1)}`,
      );
    });
    return {
      output: [
        `${CODEOWNERS_PATH} ne correspond pas aux listes owners: de teams/ / does not match the owners: lists of teams/.`,
        "Lancez / run `npm run codeowners` et commitez le résultat / and commit the result, ou modifiez ces lignes / or edit these lines:",
        ...changes,
      ].join("\n"),
      exitCode: 1,
    };
  },
});

#!/usr/bin/env node
// A stand-in for the GitHub CLI in workflow tests: pull requests kept in $FAKE_GH_STATE (JSON), each call
// appended to $FAKE_GH_LOG. It answers the `gh pr` calls the workflows make, in the shape their --jq asks.
const { readFileSync, writeFileSync, appendFileSync, existsSync } = require("node:fs");
const { execFileSync } = require("node:child_process");

const args = process.argv.slice(2);
const state = existsSync(process.env.FAKE_GH_STATE) ? JSON.parse(readFileSync(process.env.FAKE_GH_STATE, "utf8")) : [];
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const save = () => writeFileSync(process.env.FAKE_GH_STATE, JSON.stringify(state));
const log = (entry) => appendFileSync(process.env.FAKE_GH_LOG, `${JSON.stringify(entry)}\n`);

if (args[0] !== "pr") throw new Error(`fake gh: unexpected ${args.join(" ")}`);
const open = state.filter((pr) => pr.state === "open");
switch (args[1]) {
  case "list":
    if (flag("--head")) {
      const pr = open.find((p) => p.head === flag("--head"));
      if (pr) process.stdout.write(`${pr.number}\n`);
    } else
      for (const pr of open)
        if (pr.head.startsWith("expired-members/")) process.stdout.write(`${pr.number} ${pr.head}\n`);
    break;
  case "create": {
    const pr = {
      number: state.length + 1,
      head: flag("--head"),
      base: flag("--base"),
      title: flag("--title"),
      state: "open",
    };
    pr.body = readFileSync(flag("--body-file"), "utf8");
    state.push(pr);
    log({ call: "create", number: pr.number, head: pr.head, base: pr.base, title: pr.title });
    break;
  }
  case "edit": {
    const pr = state.find((p) => p.number === Number(args[2]));
    pr.title = flag("--title");
    pr.body = readFileSync(flag("--body-file"), "utf8");
    log({ call: "edit", number: pr.number, title: pr.title });
    break;
  }
  case "close": {
    const pr = state.find((p) => p.number === Number(args[2]));
    pr.state = "closed";
    if (args.includes("--delete-branch")) execFileSync("git", ["push", "--quiet", "origin", "--delete", pr.head]);
    log({ call: "close", number: pr.number, comment: flag("--comment") });
    break;
  }
  default:
    throw new Error(`fake gh: unexpected ${args.join(" ")}`);
}
save();

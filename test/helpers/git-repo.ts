// A throw-away git repository with team files, for the tools that compare two revisions.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export class GitRepo {
  readonly dir = mkdtempSync(join(tmpdir(), "repo-"));

  constructor() {
    this.git("init", "-q", "-b", "main");
    this.git("config", "user.email", "ci@example.org");
    this.git("config", "user.name", "CI");
  }

  git(...args: string[]): string {
    return execFileSync("git", args, { cwd: this.dir, encoding: "utf8" }).trim();
  }

  /** Writes `{path: text}` (a `null` text removes the file, `{link: target}` makes a symlink), commits, returns the commit. */
  commit(files: Record<string, string | null | { link: string }>, message = "change"): string {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      rmSync(full, { force: true, recursive: true });
      if (content === null) continue;
      mkdirSync(dirname(full), { recursive: true });
      if (typeof content === "string") writeFileSync(full, content);
      else symlinkSync(content.link, full);
    }
    this.git("add", "-A");
    this.git("commit", "-q", "--allow-empty", "-m", message);
    return this.git("rev-parse", "HEAD");
  }
}

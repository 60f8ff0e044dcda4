// The validator over the whole real network at once.
import { describe, expect, it } from "vitest";
import { realisticTeamFiles } from "./fixtures/realistic-teams";
import { messages, validate } from "./helpers/team-files";

describe("662 realistic team files", () => {
  const files = Object.fromEntries(realisticTeamFiles().map((f) => [f.file, f.text]));

  it("are all valid, one team per startup", () => {
    const result = validate(files);
    expect(messages(result)).toEqual([]);
    expect(result.teams).toHaveLength(662);
  });

  it("a single typo among them is reported alone, at its place", () => {
    const [first] = Object.keys(files);
    const broken = { ...files, [first]: files[first].replace("platform:", "plateform:") };
    const result = validate(broken);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      file: first,
      message: expect.objectContaining({ en: expect.stringContaining("did you mean `platform`?") }),
    });
    expect(result.teams).toHaveLength(661);
  });
});

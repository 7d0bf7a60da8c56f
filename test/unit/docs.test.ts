import { existsSync, readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The generated tables are checked by `npm run docs:check` (in `npm run lint`); these are the
// promises of the short README and its pages that no generator keeps.
const root = new URL("../../", import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, root), "utf8");
const PAGES = [
  "README.md",
  ...readdirSync(new URL("docs/", root))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchorsOf(text: string): Set<string> {
  const withoutCode = text.replace(/^```[\s\S]*?^```/gm, "");
  return new Set([...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1] ?? "")));
}

describe("the README", () => {
  it("opens with the two commands a newcomer types", () => {
    const head = read("README.md").split("\n").slice(0, 12).join("\n");
    expect(head).toContain("npm ci && npm run demo");
    expect(head).toContain("npm ci && npm test");
  });

  it("stays short: at most 400 lines, the rest in docs/", () => {
    expect(read("README.md").split("\n").length).toBeLessThanOrEqual(400);
  });
});

describe("the links of the README and docs/", () => {
  it.each(PAGES)("%s: every relative link names a file that exists, and a heading in it", (page) => {
    const text = read(page);
    const base = new URL(page, root);
    const broken: string[] = [];
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1] ?? "";
      if (/^[a-z]+:/.test(target)) continue;
      const [file = "", anchor] = target.split("#");
      const url = file === "" ? base : new URL(file, base);
      if (!existsSync(url)) {
        broken.push(target);
        continue;
      }
      if (anchor !== undefined && url.pathname.endsWith(".md") && !anchorsOf(readFileSync(url, "utf8")).has(anchor)) broken.push(target);
    }
    expect(broken).toEqual([]);
  });
});

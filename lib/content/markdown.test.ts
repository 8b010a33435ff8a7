/** Markdown rendering: safe output, highlighted code, lesson links, problems with file lines. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { renderInlineMarkdown, renderMarkdown } from "./markdown.ts";

const options = {
  file: "/x/lesson.md",
  firstLine: 10,
  resolveLesson: (id: string) => (id === "known" ? "/learn/t/known" : undefined),
};

test("raw HTML, javascript: URLs and event handlers never reach the output", async () => {
  const { html } = await renderMarkdown(
    '<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n[click](javascript:alert(1))\n\n<a href="https://e.x" onclick="x()">a</a>\n',
    options,
  );
  assert.doesNotMatch(html, /<script|onerror|onclick|javascript:/i);
});

test("code is highlighted with light and dark CSS variables and no fixed colour", async () => {
  const { html } = await renderMarkdown(
    "```ts\nconst answer: number = 42;\n```\n\n```sql\nSELECT 1;\n```\n",
    options,
  );
  assert.match(html, /<pre class="shiki shiki-themes github-light-default github-dark-default"/);
  assert.match(html, /style="--shiki-light:#[0-9A-Fa-f]+;--shiki-dark:#[0-9A-Fa-f]+"/);
  assert.doesNotMatch(html, /style="color:/);
  assert.equal((html.match(/<pre/g) ?? []).length, 2);
});

test("lesson links become /learn URLs; unknown lessons and languages are problems on the file's line", async () => {
  const { html, problems } = await renderMarkdown(
    "Intro.\n\nSee [this](lesson:known#part) and [that](lesson:gone).\n\n```rust\nfn main() {}\n```\n",
    options,
  );
  assert.match(html, /<a href="\/learn\/t\/known#part">this<\/a>/);
  assert.doesNotMatch(html, /lesson:/);
  assert.deepEqual(
    problems.map((p) => [p.rule, p.line]),
    [
      ["broken-link", 12],
      ["markdown", 14],
    ],
  );
});

test("headings get ids and make the table of contents; inline snippets lose their paragraph", async () => {
  const { html, headings } = await renderMarkdown("## Common mistakes\n\n### Off by one\n\ntext\n", options);
  assert.match(html, /<h2 id="common-mistakes">/);
  assert.deepEqual(headings, [
    { id: "common-mistakes", text: "Common mistakes", depth: 2 },
    { id: "off-by-one", text: "Off by one", depth: 3 },
  ]);
  assert.equal((await renderInlineMarkdown("Use `201` here", options)).html, "Use <code>201</code> here");
});

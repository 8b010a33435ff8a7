/**
 * Markdown to safe HTML, on the server: remark-parse + remark-gfm, lesson links resolved,
 * remark-rehype (raw HTML dropped), rehype-sanitize, rehype-slug, then shiki (after sanitizing, so
 * the sanitizer never sees and never has to allow shiki's inline styles), then rehype-stringify.
 *
 * Highlighting uses two themes as CSS variables (`--shiki-light`, `--shiki-dark`, no default color):
 * the page's CSS picks one. Only the languages lessons need are loaded, from shiki's npm packages.
 */
import type { Element, ElementContent, Root as HastRoot } from "hast";
import type { Link, Definition, Root as MdastRoot, Nodes as MdastNodes } from "mdast";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeSlug from "rehype-slug";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import rehypeShikiFromHighlighter from "@shikijs/rehype/core";
import { createHighlighterCore, type HighlighterCore } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import { unified } from "unified";
import type { Problem } from "./problems.ts";

/** Code fence languages lessons may use (and their aliases); anything else is a problem. */
export const CODE_LANGUAGES = [
  "ts",
  "typescript",
  "js",
  "javascript",
  "sql",
  "http",
  "json",
  "bash",
  "sh",
  "shell",
  "shellscript",
  "yaml",
  "yml",
  "html",
  "text",
  "txt",
  "plaintext",
] as const;

let highlighterPromise: Promise<HighlighterCore> | undefined;

/** One shared highlighter per process: creating one costs ~100 ms, using it is cheap. */
function getHighlighter(): Promise<HighlighterCore> {
  highlighterPromise ??= createHighlighterCore({
    themes: [import("shiki/themes/github-light-default.mjs"), import("shiki/themes/github-dark-default.mjs")],
    langs: [
      import("shiki/langs/typescript.mjs"),
      import("shiki/langs/javascript.mjs"),
      import("shiki/langs/sql.mjs"),
      import("shiki/langs/http.mjs"),
      import("shiki/langs/json.mjs"),
      import("shiki/langs/shellscript.mjs"),
      import("shiki/langs/yaml.mjs"),
      import("shiki/langs/html.mjs"),
    ],
    // The JavaScript regex engine: no WebAssembly to load, and it handles these grammars.
    engine: createJavaScriptRegexEngine(),
  });
  return highlighterPromise;
}

export interface Heading {
  id: string;
  text: string;
  depth: 2 | 3;
}

export interface RenderOptions {
  /** File the Markdown comes from, for problems. */
  file: string;
  /** Line of the file where the Markdown's first line is. */
  firstLine: number;
  /** Resolves a lesson id to its URL path, or undefined when no such lesson exists. */
  resolveLesson: (lessonId: string) => string | undefined;
}

export interface Rendered {
  html: string;
  headings: Heading[];
  problems: Problem[];
}

const LESSON_LINK = /^lesson:([^#?]*)(#.*)?$/;

/** Renders Markdown to sanitized, highlighted HTML, reporting broken lesson links and unknown languages. */
export async function renderMarkdown(markdown: string, options: RenderOptions): Promise<Rendered> {
  const highlighter = await getHighlighter();
  const problems: Problem[] = [];
  const headings: Heading[] = [];
  const lineOf = (node: MdastNodes) => (node.position?.start.line ?? 1) + options.firstLine - 1;

  function remarkLessonLinks() {
    return (tree: MdastRoot) => {
      walkMdast(tree, (node) => {
        if (node.type === "link" || node.type === "definition") {
          const link = node as Link | Definition;
          const match = LESSON_LINK.exec(link.url);
          if (!match) return;
          const href = options.resolveLesson(match[1]);
          if (href) {
            link.url = href + (match[2] ?? "");
          } else {
            problems.push({
              rule: "broken-link",
              file: options.file,
              line: lineOf(node),
              message: `link to unknown lesson "${match[1]}" (${link.url})`,
            });
            link.url = "#";
          }
        } else if (
          node.type === "code" &&
          node.lang &&
          !(CODE_LANGUAGES as readonly string[]).includes(node.lang)
        ) {
          problems.push({
            rule: "markdown",
            file: options.file,
            line: lineOf(node),
            message: `code block language "${node.lang}" is not supported (use one of: ${CODE_LANGUAGES.join(", ")})`,
          });
        }
      });
    };
  }

  function rehypeCollectHeadings() {
    return (tree: HastRoot) => {
      walkHast(tree, (node) => {
        if ((node.tagName === "h2" || node.tagName === "h3") && typeof node.properties.id === "string") {
          headings.push({
            id: node.properties.id,
            text: hastText(node),
            depth: node.tagName === "h2" ? 2 : 3,
          });
        }
      });
    };
  }

  const file = await unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkLessonLinks)
    // allowDangerousHtml stays false: raw HTML in lessons is dropped, not passed through.
    .use(remarkRehype)
    .use(rehypeSanitize, defaultSchema)
    .use(rehypeSlug)
    .use(rehypeCollectHeadings)
    // Shiki runs after the sanitizer on purpose: its output (inline CSS variables) is trusted.
    .use(() =>
      // HighlighterCore is the generic highlighter with string language/theme names.
      rehypeShikiFromHighlighter(highlighter as Parameters<typeof rehypeShikiFromHighlighter>[0], {
        themes: { light: "github-light-default", dark: "github-dark-default" },
        defaultColor: false,
        fallbackLanguage: "text",
      }),
    )
    .use(rehypeStringify)
    .process(markdown);

  return { html: String(file), headings, problems };
}

/** Renders a short Markdown snippet (a quiz question, a choice) without the wrapping paragraph. */
export async function renderInlineMarkdown(markdown: string, options: RenderOptions): Promise<Rendered> {
  const rendered = await renderMarkdown(markdown, options);
  const single = /^<p>([\s\S]*)<\/p>$/.exec(rendered.html.trim());
  return single && !single[1].includes("<p>") ? { ...rendered, html: single[1] } : rendered;
}

function walkMdast(node: MdastNodes, visit: (node: MdastNodes) => void): void {
  visit(node);
  if ("children" in node) for (const child of node.children) walkMdast(child as MdastNodes, visit);
}

function walkHast(node: HastRoot | ElementContent, visit: (node: Element) => void): void {
  if (node.type === "element") visit(node);
  if ("children" in node) for (const child of node.children) walkHast(child as ElementContent, visit);
}

function hastText(node: HastRoot | ElementContent): string {
  if (node.type === "text") return node.value;
  if ("children" in node) return node.children.map((child) => hastText(child as ElementContent)).join("");
  return "";
}

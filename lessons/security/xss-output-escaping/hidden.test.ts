import { renderComment, renderSearchBox, type Comment } from "./solution";

// --- how a browser would read the HTML (a small tokenizer: tags, attributes, text) -------------------

interface Tag {
  name: string;
  closing: boolean;
  attrs: [string, string][];
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Decodes character references the way a browser does for these common forms. */
function decode(text: string): string {
  return text.replace(/&(?:#[xX]([0-9a-fA-F]+)|#(\d+)|([a-zA-Z]+));?/g, (whole, hex?: string, dec?: string, name?: string) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    if (dec !== undefined) return String.fromCodePoint(parseInt(dec, 10));
    return NAMED[name!.toLowerCase()] ?? whole;
  });
}

/** The tags (with decoded attribute values) and the decoded text a browser would see in `html`. */
function read(html: string): { tags: Tag[]; text: string } {
  const tags: Tag[] = [];
  let text = "";
  let i = 0;
  while (i < html.length) {
    if (html.startsWith("<!--", i)) {
      // A comment hides everything up to "-->" from the reader.
      const close = html.indexOf("-->", i + 4);
      tags.push({ name: "!--", closing: false, attrs: [] });
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    const start = /^<(\/?)([a-zA-Z][^\s/>]*)/.exec(html.slice(i));
    if (start === null) {
      const next = html.slice(i + 1).search(/<\/?[a-zA-Z]|<!--/);
      const end = next === -1 ? html.length : i + 1 + next;
      text += html.slice(i, end);
      i = end;
      continue;
    }
    const tag: Tag = { name: start[2]!.toLowerCase(), closing: start[1] === "/", attrs: [] };
    i += start[0].length;
    while (i < html.length && html[i] !== ">") {
      if (/[\s/]/.test(html[i]!)) {
        i++;
        continue;
      }
      const name = /^[^\s"'>/=]+|^[^\s>/]/.exec(html.slice(i))![0];
      i += name.length;
      while (/\s/.test(html[i] ?? "")) i++;
      let value = "";
      if (html[i] === "=") {
        i++;
        while (/\s/.test(html[i] ?? "")) i++;
        const quote = html[i];
        if (quote === '"' || quote === "'") {
          const close = html.indexOf(quote, i + 1);
          const end = close === -1 ? html.length : close;
          value = html.slice(i + 1, end);
          i = end + 1;
        } else {
          const raw = /^[^\s>]*/.exec(html.slice(i))![0];
          value = raw;
          i += raw.length;
        }
      }
      tag.attrs.push([name.toLowerCase(), decode(value)]);
    }
    i++;
    tags.push(tag);
  }
  return { tags, text: decode(text) };
}

/** A short description of the tags, for assertions: `li`, `a[href]`, `/a`, `/li`. */
function shape(tags: Tag[]): string[] {
  return tags.map((t) => (t.closing ? "/" : "") + t.name + (t.attrs.length ? `[${t.attrs.map(([n]) => n).join(",")}]` : ""));
}

/** What a browser sees: exactly the expected tags, and the comment's own words as text. */
function seenAs(comment: Comment): { shape: string[]; text: string; href: string | undefined } {
  const { tags, text } = read(renderComment(comment));
  const href = tags.find((t) => t.name === "a" && !t.closing)?.attrs.find(([n]) => n === "href")?.[1];
  return { shape: shape(tags), text, href };
}

const LINKED = ["li", "a[href]", "/a", "/li"];
const UNLINKED = ["li", "/li"];

describe("renderComment shows exactly what was written", () => {
  const cases: [string, Comment][] = [
    ["an ampersand and a ready-made entity (R&D &amp; more)", { author: "Rui", website: "https://rui.example/", text: "R&D &amp; more" }],
    ["< and > in maths (1 < 2 and 3 > 2)", { author: "Max", website: "https://max.example/", text: "1 < 2 and 3 > 2" }],
    ["double and single quotes", { author: "O'Neil", website: "https://oneil.example/", text: `She said "hi" and 'bye'` }],
    ["text that looks like an entity (&lt;)", { author: "Lee", website: "https://lee.example/", text: "write &lt; for <" }],
    ["non-ASCII (Zoë 🔑, 日本語)", { author: "Zoë", website: "https://zoe.example/", text: "🔑 日本語" }],
  ];
  for (const [what, comment] of cases) {
    test(`${what} → displayed unchanged, nothing stripped or double-escaped`, () => {
      const seen = seenAs(comment);
      expect(seen.shape).toEqual(LINKED);
      expect(seen.text).toBe(`${comment.author}: ${comment.text}`);
    });
  }
});

describe("renderComment links only to web addresses", () => {
  test("an http: website (not only https:) → linked", () => {
    expect(seenAs({ author: "Al", website: "http://al.example/", text: "x" }).shape).toEqual(LINKED);
  });

  test("an upper-case HTTPS://AL.EXAMPLE/ → linked (URL schemes ignore case)", () => {
    expect(seenAs({ author: "Al", website: "HTTPS://AL.EXAMPLE/", text: "x" }).shape).toEqual(LINKED);
  });

  test("a website with a query string (?a=1&lt=2&c=\"3\") → the browser follows that same URL (& escaped as &amp;)", () => {
    const website = 'https://shop.example/?a=1&lt=2&c="3"';
    const seen = seenAs({ author: "Shop", website, text: "x" });
    expect(seen.shape).toEqual(LINKED);
    expect(URL.parse(seen.href ?? "")?.href).toBe(new URL(website).href);
  });

  const unlinked: [string, string][] = [
    ["an empty website", ""],
    ["a website that is not a URL", "my homepage"],
    ["a relative path", "/about"],
    ["a protocol-relative //host", "//evil.example/"],
    ["ftp:", "ftp://files.example/"],
    ["mailto:", "mailto:ada@example.com"],
    ["text that merely starts with http (\"https is my protocol\")", "https is my protocol"],
    ["another scheme that starts with http (httpx:)", "httpx://files.example/"],
    ['"https://" with no host (not a URL)', "https://"],
    ["a host with a space in it (not a URL)", "https://my site.example/"],
  ];
  for (const [what, website] of unlinked) {
    test(`${what} → the name without a link, text unchanged`, () => {
      const seen = seenAs({ author: "Ann", website, text: "hello" });
      expect(seen.shape).toEqual(UNLINKED);
      expect(seen.text).toBe("Ann: hello");
    });
  }
});

describe("renderSearchBox keeps the query as one attribute value", () => {
  for (const query of [`Tom & "Jerry"`, "it's", "a < b > c", "&amp;", ""]) {
    test(`${JSON.stringify(query)} → one input with name="q" and exactly that value`, () => {
      const { tags, text } = read(renderSearchBox(query));
      expect(shape(tags)).toEqual(["input[name,value]"]);
      expect(tags[0]!.attrs).toEqual([
        ["name", "q"],
        ["value", query],
      ]);
      expect(text).toBe("");
    });
  }
});

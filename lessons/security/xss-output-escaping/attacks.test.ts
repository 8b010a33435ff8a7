import { renderComment, renderSearchBox } from "./solution";

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

// Each payload is what an attacker would type into the comment form or the search box. A fixed
// version shows every one of them as plain text: no new tags, no new attributes, no script URLs.

const markupPayloads = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg/onload=alert(1)>",
  "</a><script>alert(1)</script>",
  "</li><li onclick=alert(1)>x",
  "<a href=javascript:alert(1)>click</a>",
  "<!--",
];

describe("markup in the author's name or the text is shown as text", () => {
  for (const payload of markupPayloads) {
    test(`author ${JSON.stringify(payload)} → shown as text`, () => {
      const { tags, text } = read(renderComment({ author: payload, website: "https://ok.example/", text: "hi" }));
      expect(shape(tags)).toEqual(["li", "a[href]", "/a", "/li"]);
      expect(text).toBe(`${payload}: hi`);
    });
    test(`text ${JSON.stringify(payload)} → shown as text`, () => {
      const { tags, text } = read(renderComment({ author: "Eve", website: "https://ok.example/", text: payload }));
      expect(shape(tags)).toEqual(["li", "a[href]", "/a", "/li"]);
      expect(text).toBe(`Eve: ${payload}`);
    });
  }
});

const schemePayloads = [
  "javascript:alert(1)",
  "JavaScript:alert(document.cookie)",
  "  javascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "javascript://https://ok.example/%0aalert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
];

describe("websites that would run script are not linked", () => {
  for (const website of schemePayloads) {
    test(`website ${JSON.stringify(website)} → the name without a link`, () => {
      const { tags, text } = read(renderComment({ author: "Eve", website, text: "hi" }));
      expect(shape(tags)).toEqual(["li", "/li"]);
      expect(text).toBe("Eve: hi");
    });
  }
});

const breakoutWebsites = [
  'https://ok.example/" onmouseover="alert(1)',
  "https://ok.example/' onmouseover='alert(1)",
  'https://ok.example/"><script>alert(1)</script>',
];

describe("a web address cannot break out of the href attribute", () => {
  for (const website of breakoutWebsites) {
    test(`website ${JSON.stringify(website)} → one href holding that URL`, () => {
      const { tags, text } = read(renderComment({ author: "Eve", website, text: "hi" }));
      expect(shape(tags)).toEqual(["li", "a[href]", "/a", "/li"]);
      expect(URL.parse(tags[1]!.attrs[0]![1])?.href).toBe(new URL(website).href);
      expect(text).toBe("Eve: hi");
    });
  }
});

const queryPayloads = [
  '"><script>alert(1)</script>',
  '" autofocus onfocus="alert(1)',
  "' autofocus onfocus='alert(1)",
  '"/onfocus=alert(1) autofocus x="',
];

describe("the search box value cannot break out of its attribute", () => {
  for (const query of queryPayloads) {
    test(`query ${JSON.stringify(query)} → one input whose value is exactly the query`, () => {
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

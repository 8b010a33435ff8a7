import { renderComment, renderSearchBox } from "./solution";

describe("renderComment", () => {
  test("an ordinary comment → a list item with a link to the author's website", () => {
    expect(renderComment({ author: "Ada", website: "https://ada.example/", text: "Nice post!" })).toBe(
      '<li><a href="https://ada.example/">Ada</a>: Nice post!</li>',
    );
  });

  test("a comment with <b> in it → shown as text, not markup", () => {
    const html = renderComment({ author: "Bo", website: "https://bo.example/", text: "I <b>love</b> it" });
    expect(html.includes("<b>")).toBe(false);
    expect(html.startsWith('<li><a href="https://bo.example/">Bo</a>: I ')).toBe(true);
    expect(html.includes("love")).toBe(true); // escaped, not removed
  });

  test('a website of "javascript:alert(1)" → no link at all, just the name', () => {
    expect(renderComment({ author: "Eve", website: "javascript:alert(1)", text: "hi" })).toBe("<li>Eve: hi</li>");
  });
});

describe("renderSearchBox", () => {
  test('"coffee" → <input name="q" value="coffee">', () => {
    expect(renderSearchBox("coffee")).toBe('<input name="q" value="coffee">');
  });
});

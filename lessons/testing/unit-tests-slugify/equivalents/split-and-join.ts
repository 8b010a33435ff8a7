/**
 * Another correct slugify: same behaviour as module.ts, built from words split on separators.
 * (An equivalent: the learner's tests must pass on it too.)
 */
const isAccent = (ch: string) => {
  const code = ch.codePointAt(0) ?? 0;
  return code >= 0x300 && code <= 0x36f;
};

export function slugify(title: string, maxLength = 50): string {
  if (typeof title !== "string") throw new TypeError("slugify: title must be a string");
  const words = Array.from(title.normalize("NFKD"))
    .filter((ch) => !isAccent(ch))
    .join("")
    .toLowerCase()
    .split(/[^a-z0-9]/)
    .filter((word) => word.length > 0);
  const slug = words.join("-");
  if (slug.length <= maxLength) return slug;
  const head = slug.slice(0, maxLength);
  return head.slice(0, head.search(/-*$/));
}

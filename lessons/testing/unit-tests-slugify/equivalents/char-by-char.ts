/**
 * Another correct slugify: same behaviour as module.ts, written as one pass over the characters.
 * (An equivalent: the learner's tests must pass on it too, so they cannot recognize module.ts by
 * its code or by the calls it makes, only by what it returns.)
 */
export function slugify(title: string, maxLength = 50): string {
  if (typeof title !== "string") throw new TypeError("slugify: title must be a string");
  let plain = "";
  for (const ch of title.normalize("NFKD")) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x300 || code > 0x36f) plain += ch; // skip combining accents
  }
  let slug = "";
  let gap = false;
  for (const ch of plain.toLowerCase()) {
    const keep = (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9");
    if (!keep) {
      gap = true;
      continue;
    }
    if (gap && slug !== "") slug += "-";
    gap = false;
    slug += ch;
  }
  if (slug.length <= maxLength) return slug;
  let cut = slug.slice(0, maxLength);
  while (cut.endsWith("-")) cut = cut.slice(0, -1);
  return cut;
}

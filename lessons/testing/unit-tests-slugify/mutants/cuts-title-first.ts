// Mutant: cuts the raw title to maxLength before making the slug, so runs of separators and accents count against the limit.
/**
 * Turns a title into a URL slug: slugify("Hello, World!") === "hello-world".
 *
 * - Accents are removed ("Café" → "cafe") and letters are lowercased.
 * - Every run of characters other than a-z and 0-9 becomes one "-".
 * - The slug never starts or ends with "-".
 * - The slug has at most `maxLength` characters (default 50). When it is cut, a "-" left at the
 *   end of the cut is removed too.
 */
export function slugify(title: string, maxLength = 50): string {
  const slug = title
    .slice(0, maxLength)
    .normalize("NFKD") // "é" becomes "e" followed by a combining accent...
    .replace(/[\u0300-\u036f]/g, "") // ...which is removed here
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= maxLength) return slug;
  return slug.slice(0, maxLength).replace(/-+$/, "");
}

// Runs before first paint so the page never flashes the wrong theme. Reads the saved choice, else
// the system preference.
const script = `(() => {
  try {
    const saved = localStorage.getItem("theme");
    const dark = saved ? saved === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
    document.documentElement.classList.toggle("dark", dark);
  } catch {}
})();`;

/** `nonce`: the request's CSP nonce (scripts/server.ts), without which the browser would refuse it. */
export function ThemeScript({ nonce }: { nonce?: string }) {
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}

"use client";

import { useSyncExternalStore } from "react";

// The theme lives in the class list of <html> (set before paint by ThemeScript); this reads it and
// re-renders when it changes.
function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}
const isDark = () => document.documentElement.classList.contains("dark");
const unknownOnServer = () => null;

/** Switches between light and dark and remembers the choice in this browser. */
export function ThemeToggle() {
  const dark = useSyncExternalStore(subscribe, isDark, unknownOnServer);

  function toggle() {
    const next = !isDark();
    document.documentElement.classList.toggle("dark", next);
    localStorage.setItem("theme", next ? "dark" : "light");
  }

  return (
    <button
      type="button"
      onClick={toggle}
      className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
      aria-label={dark ? "Switch to light theme" : "Switch to dark theme"}
      title={dark ? "Switch to light theme" : "Switch to dark theme"}
    >
      <span aria-hidden="true">{dark ? "☀︎" : "☾"}</span>
      <span className="ml-1 hidden sm:inline">{dark ? "Light" : "Dark"}</span>
    </button>
  );
}

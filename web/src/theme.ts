// Dark/light theme: follows prefers-color-scheme until the user picks one with the top-bar toggle; the choice is
// kept in localStorage ("sg-theme") and applied as <html data-theme="dark|light"> (styles.css swaps its variables).
import { el } from "./dom";

export type Theme = "light" | "dark";
const KEY = "sg-theme";
const media = matchMedia("(prefers-color-scheme: dark)");

function stored(): Theme | null {
  try { const v = localStorage.getItem(KEY); return v === "dark" || v === "light" ? v : null; } catch { return null; }
}
/** The user's choice (null: follow the system); kept in memory too, for a browser with storage off. */
let choice: Theme | null = stored();

/** The theme in force: the user's choice, else the system's. */
export const currentTheme = (): Theme => choice ?? (media.matches ? "dark" : "light");

function apply(button: HTMLButtonElement): void {
  const theme = currentTheme();
  document.documentElement.dataset.theme = theme;
  const next = theme === "dark" ? "light" : "dark";
  button.textContent = theme === "dark" ? "☀ Light" : "☾ Dark";
  button.setAttribute("aria-label", `Switch to the ${next} theme`);
  button.setAttribute("aria-pressed", String(theme === "dark"));
  button.dataset.theme = theme;
}

/** Creates the toggle button and applies the current theme. */
export function setupTheme(): HTMLButtonElement {
  const button = el("button", { type: "button", class: "bar-button theme-toggle", "data-testid": "theme-toggle" });
  button.addEventListener("click", () => {
    choice = currentTheme() === "dark" ? "light" : "dark";
    try { localStorage.setItem(KEY, choice); } catch { /* storage off: this page view only */ }
    apply(button);
  });
  media.addEventListener("change", () => apply(button));
  apply(button);
  return button;
}

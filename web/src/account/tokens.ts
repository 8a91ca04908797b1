// Settings › API tokens: create (name, write scope, days 1–366), show the new token once with a copy button, list
// with status and a Revoke button per active token. The token itself is kept only in the page, never in storage.
import { ApiError } from "../api";
import { el } from "../dom";
import { accountApi, accountMessage, type TokenItem } from "./types";
import { card, field, fieldError, say, statusLine, when } from "./ui";

export const DAYS_MIN = 1;
export const DAYS_MAX = 366;
export const DAYS_DEFAULT = 90;

export function tokensSection(singleUser: boolean): { node: HTMLElement; refresh: () => Promise<void> } {
  const name = el("input", { id: "token-name", name: "name", "data-testid": "token-name", type: "text", maxlength: 100, required: true, autocomplete: "off", placeholder: "laptop" });
  const write = el("input", { id: "token-write", name: "write", "data-testid": "token-write", type: "checkbox" });
  const days = el("input", { id: "token-days", name: "days", "data-testid": "token-days", type: "number", min: DAYS_MIN, max: DAYS_MAX, step: 1, value: DAYS_DEFAULT, required: true, inputmode: "numeric" });
  const nameField = field(name, "Name");
  const writeField = field(write, "Write access (imports, labels, mixtapes); without it the token can only read");
  const daysField = field(days, "Expires after (days)", `${DAYS_MIN}–${DAYS_MAX}`);
  const create = el("button", { type: "submit", "data-testid": "token-create" }, "Create token");
  const form = el("form", { class: "settings-form", "data-testid": "token-form", novalidate: true }, nameField.row, writeField.row, daysField.row, create);
  const status = statusLine("tokens-status");
  const secret = el("div", { class: "token-once", "aria-live": "polite" });
  secret.hidden = true;
  const list = el("ul", { class: "token-list", "data-testid": "token-list", "aria-label": "Your API tokens" });
  const node = card("settings-tokens", "API tokens",
    el("p", { class: "note" }, "For scripts and the CLI: send it as ", el("code", {}, "Authorization: Bearer …"), "."),
    form, secret, status, list);

  function showSecret(token: string, item: TokenItem): void {
    const code = el("code", { class: "token-value", "data-testid": "token-secret" }, token);
    const copy = el("button", { type: "button", "data-testid": "token-copy" }, "Copy");
    const copied = el("span", { class: "note", role: "status", "aria-live": "polite" });
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(token);
        copied.textContent = "Copied.";
      } catch {
        // no clipboard (plain http, refused): select the text for a manual copy
        getSelection()?.selectAllChildren(code);
        copied.textContent = "Could not copy: the token is selected, copy it by hand.";
      }
    });
    const dismiss = el("button", { type: "button" }, "Done");
    dismiss.addEventListener("click", () => { secret.hidden = true; secret.replaceChildren(); create.focus(); });
    secret.replaceChildren(
      el("p", {}, el("strong", {}, `Token "${item.name}" created. Copy it now: it will not be shown again.`)),
      el("div", { class: "token-row" }, code, copy, dismiss), copied);
    secret.hidden = false;
    copy.focus();
  }

  function row(t: TokenItem): HTMLElement {
    const li = el("li", { class: `token-item status-${t.status}`, "data-testid": "token-item", "data-token-id": t.id, "data-status": t.status },
      el("div", { class: "token-head" }, el("strong", {}, t.name), el("code", {}, `${t.prefix}…`),
        el("span", { class: `token-status ${t.status}` }, t.status)),
      el("div", { class: "note" },
        `Scopes: ${t.scopes.join(", ") || "none"} · created ${when(t.createdAt)} · expires ${when(t.expiresAt)} · last used ${when(t.lastUsedAt)}`
        + (t.revokedAt ? ` · revoked ${when(t.revokedAt)}` : "")));
    if (t.status === "active") {
      const revoke = el("button", { type: "button", "data-testid": "token-revoke", "aria-label": `Revoke token ${t.name}` }, "Revoke");
      revoke.addEventListener("click", async () => {
        revoke.disabled = true;
        try {
          await accountApi.revokeToken(t.id);
          say(status, `Token "${t.name}" revoked.`);
          await refresh();
        } catch (e) {
          revoke.disabled = false;
          say(status, accountMessage(`Revoking "${t.name}"`, e, singleUser), true);
        }
      });
      li.append(revoke);
    }
    return li;
  }

  async function refresh(): Promise<void> {
    try {
      const tokens = await accountApi.tokens();
      list.replaceChildren(...(tokens.length ? tokens.map(row) : [el("li", { class: "empty" }, "No tokens yet.")]));
      form.hidden = false;
    } catch (e) {
      list.replaceChildren();
      if (e instanceof ApiError && (e.status === 401 || (e.status === 404 && singleUser))) form.hidden = true;
      say(status, accountMessage("API tokens", e, singleUser), true);
    }
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    fieldError(name, nameField.error, "");
    fieldError(days, daysField.error, "");
    const n = name.value.trim();
    const d = Number(days.value);
    let ok = true;
    if (!n) { fieldError(name, nameField.error, "Give the token a name."); ok = false; }
    if (!Number.isInteger(d) || d < DAYS_MIN || d > DAYS_MAX) { fieldError(days, daysField.error, `Days must be a whole number from ${DAYS_MIN} to ${DAYS_MAX}.`); ok = false; }
    if (!ok) { (n ? days : name).focus(); return; }
    create.disabled = true;
    say(status, "Creating the token…");
    try {
      const created = await accountApi.createToken(n, write.checked, d);
      say(status, "");
      name.value = "";
      showSecret(created.token, created.item);
      await refresh();
    } catch (err) {
      const errors = err instanceof ApiError && err.status === 400 ? err.problem.errors ?? {} : {};
      const byField = (key: string) => Object.entries(errors).filter(([k]) => k.toLowerCase() === key).flatMap(([, v]) => v).join(" ");
      fieldError(name, nameField.error, byField("name"));
      fieldError(days, daysField.error, byField("days"));
      const other = Object.entries(errors).filter(([k]) => !["name", "days"].includes(k.toLowerCase())).flatMap(([, v]) => v).join(" ");
      if (byField("name") || byField("days")) say(status, other || "Check the form.", true);
      else say(status, accountMessage("Creating the token", err, singleUser), true);
    } finally {
      create.disabled = false;
    }
  });

  return { node, refresh };
}

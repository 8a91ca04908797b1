// Settings › Delete my data: type the phrase to enable the button, then show how many rows of each kind went.
import { el } from "../dom";
import { accountApi, accountMessage } from "./types";
import { card, say, statusLine } from "./ui";

export const DELETE_PHRASE = "delete my data";

export function deleteSection(singleUser: boolean, onDone: () => void): HTMLElement {
  const phrase = el("input", { id: "delete-phrase", "data-testid": "delete-phrase", type: "text", autocomplete: "off", spellcheck: "false", "aria-describedby": "delete-hint" });
  const button = el("button", { type: "submit", class: "danger", "data-testid": "delete-data", disabled: true }, "Delete my data");
  const status = statusLine("delete-status");
  const result = el("div", { class: "delete-result", "data-testid": "delete-result", "aria-live": "polite" });
  const form = el("form", { class: "settings-form", novalidate: true },
    el("p", { id: "delete-hint", class: "note" }, "Removes your listens, labels, mixtapes, API tokens and connected services. Type ",
      el("strong", {}, DELETE_PHRASE), " to confirm."),
    el("div", { class: "field" }, el("label", { for: "delete-phrase" }, "Confirmation"), phrase), button);
  const matches = () => phrase.value.trim().toLowerCase() === DELETE_PHRASE;
  phrase.addEventListener("input", () => { button.disabled = !matches(); });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!matches()) return;
    button.disabled = true;
    say(status, "Deleting…");
    try {
      const r = await accountApi.deleteData(DELETE_PHRASE);
      say(status, `Deleted ${r.total} row${r.total === 1 ? "" : "s"}.`);
      const rows = Object.entries(r.counts).map(([what, n]) =>
        el("tr", { "data-kind": what }, el("th", { scope: "row" }, what.replace(/_/g, " ")), el("td", {}, String(n))));
      result.replaceChildren(el("table", { class: "counts" }, el("caption", {}, "Rows deleted"), el("tbody", {}, ...rows)));
      result.dataset.total = String(r.total);
      phrase.value = "";
      onDone();
    } catch (err) {
      say(status, accountMessage("Delete my data", err, singleUser), true);
      button.disabled = !matches();
    }
  });
  return card("settings-delete", "Delete my data", form, status, result);
}

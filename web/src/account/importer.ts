// Settings › Import a Spotify export: upload the account export (.zip, or one of its .json files) as multipart
// field `file`, then follow the import job.
import { el } from "../dom";
import { succeeded, watchJob } from "./jobs";
import { accountApi, accountMessage } from "./types";
import { card, say, statusLine } from "./ui";

/** A file size in words: "840 KB", "12.5 MB". */
const size = (bytes: number) => bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function importSection(singleUser: boolean, onDone: () => void): HTMLElement {
  const file = el("input", { id: "import-file", "data-testid": "import-file", type: "file", accept: ".zip,.json,application/zip,application/json", "aria-describedby": "import-hint" });
  const start = el("button", { type: "submit", "data-testid": "import-start", disabled: true }, "Upload and import");
  const chosen = el("p", { class: "note", "data-testid": "import-file-name" });
  const status = statusLine("import-status");
  const form = el("form", { class: "settings-form", novalidate: true },
    el("div", { class: "field" }, el("label", { for: "import-file" }, "Spotify export (.zip or .json)"), file,
      el("span", { class: "field-hint", id: "import-hint" }, "Spotify › Account › Privacy › Download your data (extended streaming history).")),
    chosen, start);

  file.addEventListener("change", () => {
    const f = file.files?.[0];
    start.disabled = !f;
    chosen.textContent = f ? `${f.name} (${size(f.size)})` : "";
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const f = file.files?.[0];
    if (!f) { say(status, "Choose the export file first.", true); file.focus(); return; }
    start.disabled = true; file.disabled = true;
    say(status, `Uploading ${f.name}…`);
    try {
      const job = await accountApi.importSpotify(f);
      const last = await watchJob(job, status);
      status.textContent = `${f.name}: ${status.textContent}`;
      status.classList.toggle("failed", last.status === "failed");
      if (succeeded(last)) onDone();
    } catch (err) {
      say(status, accountMessage(`Importing ${f.name}`, err, singleUser), true);
      status.dataset.state = "error";
    } finally {
      start.disabled = !file.files?.length; file.disabled = false;
    }
  });
  return card("settings-import", "Import a Spotify export", form, status);
}

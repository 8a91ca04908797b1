// Settings › Sync: fetch the listens of the connected ListenBrainz account as a background job and follow it.
import { el } from "../dom";
import { watchJob, succeeded } from "./jobs";
import { accountApi, accountMessage } from "./types";
import { card, say, statusLine } from "./ui";

export function syncSection(singleUser: boolean, onDone: () => void): HTMLElement {
  const start = el("button", { type: "button", "data-testid": "sync-start" }, "Sync ListenBrainz listens now");
  const status = statusLine("sync-status");
  start.addEventListener("click", async () => {
    start.disabled = true;
    say(status, "Starting the sync…");
    try {
      const job = await accountApi.syncListenBrainz();
      const last = await watchJob(job, status);
      status.classList.toggle("failed", last.status === "failed");
      if (succeeded(last)) onDone();
    } catch (e) {
      say(status, accountMessage("Sync", e, singleUser), true);
      status.dataset.state = "error";
    } finally {
      start.disabled = false;
    }
  });
  return card("settings-sync", "Sync",
    el("p", { class: "note" }, "Fetches the listens of your connected ListenBrainz account since the last sync."),
    start, status);
}

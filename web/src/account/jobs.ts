// Watching a background job: poll GET /api/jobs/{id} every second until it is done or failed, writing its state and
// progress line into an aria-live status element.
import { isAbort } from "../api";
import { accountApi, type Job } from "./types";

const POLL_MS = 1000;
const FINISHED = new Set(["done", "succeeded", "failed"]);

export const isFinished = (job: Job) => FINISHED.has(job.status);
export const succeeded = (job: Job) => job.status === "done" || job.status === "succeeded";

/** One line for a job's result: its scalar fields ("listens: 120, weeks: 4"), or nothing. */
export function resultLine(result: unknown): string {
  if (result === null || result === undefined) return "";
  if (typeof result !== "object") return String(result);
  return Object.entries(result as Record<string, unknown>)
    .filter(([, v]) => v === null || ["string", "number", "boolean"].includes(typeof v))
    .map(([k, v]) => `${k}: ${v === null ? "–" : String(v)}`).join(", ");
}

/** A job's state in words. */
export function jobLine(job: Job): string {
  switch (job.status) {
    case "queued": return "Queued…";
    case "running": return `Running${job.progress ? `: ${job.progress}` : "…"}`;
    case "failed": return `Failed: ${job.error ?? "no reason given"}`;
    default: {
      if (!succeeded(job)) return `${job.status}${job.progress ? `: ${job.progress}` : ""}`;
      const result = resultLine(job.result);
      return `Done${result ? ` — ${result}` : job.progress ? ` — ${job.progress}` : "."}`;
    }
  }
}

/** Polls `job` until it finishes, showing each state in `status` (data-state = the job's status); resolves with the
 * last view. A failed poll is shown and ends the watch. */
export async function watchJob(job: Job, status: HTMLElement, signal?: AbortSignal): Promise<Job> {
  let current = job;
  const show = (j: Job) => { status.textContent = jobLine(j); status.dataset.state = j.status; status.dataset.job = j.id; };
  show(current);
  while (!isFinished(current)) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    if (signal?.aborted) return current;
    try {
      current = await accountApi.job(current.id, signal);
    } catch (e) {
      if (isAbort(e)) return current;
      status.textContent = `Could not follow the job ${current.id}: ${e instanceof Error ? e.message : String(e)}`;
      status.dataset.state = "error";
      return current;
    }
    show(current);
  }
  return current;
}

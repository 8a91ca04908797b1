// Settings › Connected services: ListenBrainz (user name + user token) and Last.fm (user name, session key optional).
// The page only ever shows "Connected as …": secrets go to the server in a password field, cleared after saving,
// and are never read back (the API does not return them).
import { ApiError } from "../api";
import { el } from "../dom";
import { accountApi, accountMessage, type ServiceItem, type ServiceName } from "./types";
import { card, field, fieldError, say, statusLine, when } from "./ui";

interface Spec { service: ServiceName; title: string; ids: { user: string; secret: string; save: string }; secretLabel: string; secretRequired: boolean; help: string }

const SPECS: Spec[] = [
  { service: "listenbrainz", title: "ListenBrainz", ids: { user: "service-lb-user", secret: "service-lb-token", save: "service-lb-save" },
    secretLabel: "User token", secretRequired: true, help: "Your user token is on listenbrainz.org › Settings." },
  { service: "lastfm", title: "Last.fm", ids: { user: "service-lastfm-user", secret: "service-lastfm-key", save: "service-lastfm-save" },
    secretLabel: "Session key (optional)", secretRequired: false, help: "The user name is enough to read public scrobbles." },
];

export function servicesSection(singleUser: boolean): { node: HTMLElement; refresh: () => Promise<void> } {
  const status = statusLine("services-status");
  const connected = new Map<ServiceName, ServiceItem>();
  const forms: { spec: Spec; form: HTMLFormElement; user: HTMLInputElement; secret: HTMLInputElement; state: HTMLElement; remove: HTMLButtonElement }[] = [];

  for (const spec of SPECS) {
    const user = el("input", { id: spec.ids.user, name: "userName", "data-testid": spec.ids.user, type: "text", maxlength: 200, autocomplete: "off", spellcheck: "false", required: true });
    const secret = el("input", { id: spec.ids.secret, name: "secret", "data-testid": spec.ids.secret, type: "password", maxlength: 500, autocomplete: "off" });
    const userField = field(user, "User name");
    const secretField = field(secret, spec.secretLabel, spec.help);
    const save = el("button", { type: "submit", "data-testid": spec.ids.save }, "Save");
    const remove = el("button", { type: "button", "data-testid": `service-${spec.service}-remove` }, "Disconnect");
    remove.hidden = true;
    const state = el("p", { class: "service-state", "data-testid": `service-${spec.service}-state` }, "Not connected.");
    const form = el("form", { class: "settings-form service", "data-service": spec.service, novalidate: true, "aria-label": spec.title },
      el("h4", {}, spec.title), state, userField.row, secretField.row, el("div", { class: "buttons" }, save, remove));
    forms.push({ spec, form, user, secret, state, remove });

    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const name = user.value.trim();
      const key = secret.value.trim();
      const had = connected.get(spec.service);
      fieldError(user, userField.error, name ? "" : "Give your user name.");
      // ListenBrainz needs a token; once one is stored, a blank field keeps it (secret: null).
      const needsSecret = spec.secretRequired && !had?.hasSecret && !key;
      fieldError(secret, secretField.error, needsSecret ? `Give your ${spec.title} user token.` : "");
      if (!name || needsSecret) { (name ? secret : user).focus(); return; }
      save.disabled = true;
      say(status, `Saving ${spec.title}…`);
      try {
        const item = await accountApi.saveService(spec.service, name, key || null);
        connected.set(spec.service, item);
        say(status, `${spec.title} saved.`);
      } catch (err) {
        const errors = err instanceof ApiError && err.status === 400 ? err.problem.errors ?? {} : {};
        const pick = (re: RegExp) => Object.entries(errors).filter(([k]) => re.test(k)).flatMap(([, v]) => v).join(" ");
        fieldError(user, userField.error, pick(/^username$/i));
        fieldError(secret, secretField.error, pick(/^secret$/i));
        say(status, accountMessage(`Saving ${spec.title}`, err, singleUser), true);
      } finally {
        secret.value = "";
        save.disabled = false;
        draw();
      }
    });
    remove.addEventListener("click", async () => {
      remove.disabled = true;
      try {
        await accountApi.removeService(spec.service);
        connected.delete(spec.service);
        say(status, `${spec.title} disconnected.`);
      } catch (err) {
        say(status, accountMessage(`Disconnecting ${spec.title}`, err, singleUser), true);
      } finally {
        remove.disabled = false;
        draw();
      }
    });
  }

  function draw(): void {
    for (const f of forms) {
      const item = connected.get(f.spec.service);
      f.form.dataset.connected = String(!!item);
      f.state.textContent = item
        ? `Connected as ${item.connectedAs}${item.hasSecret ? "" : " (no key stored)"} · updated ${when(item.updatedAt)}`
        : "Not connected.";
      if (item && !f.user.value) f.user.value = item.connectedAs;
      f.remove.hidden = !item;
      f.secret.placeholder = item?.hasSecret ? "stored — leave blank to keep" : "";
    }
  }

  async function refresh(): Promise<void> {
    try {
      const items = await accountApi.services();
      connected.clear();
      for (const i of items) connected.set(i.service, i);
      for (const f of forms) f.form.hidden = false;
      draw();
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || (e.status === 404 && singleUser))) for (const f of forms) f.form.hidden = true;
      say(status, accountMessage("Connected services", e, singleUser), true);
    }
  }

  const node = card("settings-services", "Connected services", ...forms.map((f) => f.form), status);
  return { node, refresh };
}

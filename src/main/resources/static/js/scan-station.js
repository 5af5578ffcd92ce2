// The scan station (/app/scan): a code from the keyboard-wedge scanner (characters + Enter), the camera or the
// keyboard; one tap per step; the answer and the unit's passport. Offline (the switch, navigator.onLine false, or a
// request that fails on the network) each step is queued in IndexedDB with its own step_id and the device's time,
// and the queue goes to the batch endpoint when the device is back; a step leaves the queue only once its result
// has come back.
(() => {
  "use strict";
  const root = document.querySelector("[data-scan-station]");
  if (!root) {
    return;
  }
  const urls = {
    step: root.dataset.stepUrl,
    batch: root.dataset.batchUrl,
    passport: root.dataset.passportUrl,
    worker: root.dataset.workerUrl,
    manifest: root.dataset.manifestUrl,
    page: root.dataset.pageUrl,
    photos: root.dataset.photosUrl || "/app/scan/photos",
  };
  const $ = (id) => document.getElementById(id);
  const form = $("scan-form");
  if (!form) {
    return; // no station yet
  }
  const input = $("scan-code");
  const stationSelect = $("scan-station");
  const offlineSwitch = $("scan-offline");
  const connection = $("scan-connection");
  const current = $("scan-current");
  const result = $("scan-result");
  const passportBody = $("scan-passport-body");
  const queueList = $("scan-queue-list");
  const queueCount = $("scan-queue-count");
  const sendQueue = $("scan-send-queue");
  const batchResults = $("scan-batch-results");
  const actionButtons = Array.from(root.querySelectorAll("[data-scan-action]"));
  const STATION_KEY = "traveler.scan.station";
  const DEVICE_KEY = "traveler.scan.device";
  const LABELS = {
    start: "Start", complete: "Complete", record_action: "Record action", report_defect: "Report defect",
    hold: "Hold", release: "Release",
  };
  let code = null;
  let uploading = false;

  // --- identity of this device and the session's CSRF token -------------------------------------------------------

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    const b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  function deviceId() {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = "scan-" + uuid();
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  }

  let csrf = readCsrf(document);

  function readCsrf(doc) {
    try {
      return JSON.parse(doc.body.getAttribute("hx-headers") || "{}");
    } catch (ignored) {
      return {};
    }
  }

  /** A page served from the worker's cache may carry an older session's token: take the live page's. */
  async function refreshCsrf() {
    try {
      const response = await fetch(urls.page, { credentials: "same-origin", cache: "no-store" });
      if (response.ok && !response.redirected) {
        csrf = readCsrf(new DOMParser().parseFromString(await response.text(), "text/html"));
        return true;
      }
    } catch (ignored) {
      // still offline
    }
    return false;
  }

  // --- the station, remembered ----------------------------------------------------------------------------------

  const params = new URLSearchParams(location.search);
  const offered = (id) => id && Array.from(stationSelect.options).some((o) => o.value === id);
  const asked = params.get("station_id"); // also when the page came from the worker's cache, rendered without it
  const remembered = localStorage.getItem(STATION_KEY);
  if (offered(asked)) {
    stationSelect.value = asked;
  } else if (offered(remembered)) {
    stationSelect.value = remembered;
  }
  stationSelect.addEventListener("change", () => {
    localStorage.setItem(STATION_KEY, stationSelect.value);
    input.focus();
  });

  // --- online or not --------------------------------------------------------------------------------------------

  function offline() {
    return offlineSwitch.checked || !navigator.onLine;
  }

  function showConnection() {
    const off = offline();
    connection.dataset.state = off ? "offline" : "online";
    connection.textContent = off ? "Offline: steps are queued on this device" : "Online";
  }

  offlineSwitch.addEventListener("change", () => {
    showConnection();
    if (!offline()) {
      upload();
    }
  });
  window.addEventListener("online", () => {
    showConnection();
    upload();
  });
  window.addEventListener("offline", showConnection);

  // --- the code -------------------------------------------------------------------------------------------------

  function useCode(text) {
    const value = (text || "").trim();
    if (!value) {
      return;
    }
    code = value;
    current.textContent = value;
    actionButtons.forEach((b) => (b.disabled = false));
    hideDetails();
    say("info", `Scanned ${value}. Choose the step.`);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    useCode(input.value);
    input.value = "";
    input.focus();
  });

  // --- the camera (html5-qrcode, served as a WebJar) ------------------------------------------------------------

  let camera = null;
  $("scan-camera").addEventListener("click", async () => {
    const view = $("scan-camera-view");
    const library = window.__Html5QrcodeLibrary__;
    if (camera) {
      await camera.stop().catch(() => {});
      camera = null;
      view.hidden = true;
      return;
    }
    if (!library || !library.Html5Qrcode) {
      say("error", "The camera scanner did not load; type or wedge-scan the code instead.");
      return;
    }
    view.hidden = false;
    camera = new library.Html5Qrcode("scan-camera-view");
    try {
      await camera.start({ facingMode: "environment" }, { fps: 10, qrbox: 240 }, async (text) => {
        await camera.stop().catch(() => {});
        camera = null;
        view.hidden = true;
        useCode(text);
      });
    } catch (refused) {
      camera = null;
      view.hidden = true;
      say("error", "No camera could be opened (" + refused + "); type or wedge-scan the code instead.");
    }
  });

  // --- steps ----------------------------------------------------------------------------------------------------

  function hideDetails() {
    $("scan-record").hidden = true;
    $("scan-defect").hidden = true;
  }

  actionButtons.forEach((button) => button.addEventListener("click", () => {
    const action = button.dataset.scanAction;
    if (action === "record_action" || action === "report_defect") {
      hideDetails();
      const details = $(action === "record_action" ? "scan-record" : "scan-defect");
      details.hidden = false;
      details.querySelector("input, select, textarea").focus();
      return;
    }
    step(action, {});
  }));

  root.querySelectorAll("[data-scan-send]").forEach((button) => button.addEventListener("click", async () => {
    const action = button.dataset.scanSend;
    if (action === "record_action") {
      const chosen = $("scan-action-id");
      const option = chosen.selectedOptions[0];
      const value = $("scan-action-value").value.trim();
      const extra = { action_id: chosen.value || null };
      if (option && option.dataset.kind === "MEASUREMENT" && value !== "" && !Number.isNaN(Number(value))) {
        extra.measured_value = Number(value);
      } else if (value !== "") {
        extra.value = value;
      }
      const photo = await photoOf("scan-action-photo");
      if (photo === false) {
        return;
      }
      if (photo) {
        extra.document_id = photo;
      }
      step(action, extra);
    } else {
      const photo = await photoOf("scan-defect-photo");
      if (photo === false) {
        return;
      }
      step(action, {
        defect: {
          code: $("scan-defect-code").value.trim(),
          severity: $("scan-defect-severity").value,
          description: $("scan-defect-description").value.trim(),
          photo_ids: photo ? [photo] : [],
        },
      });
    }
  }));

  // A chosen photo is stored first (it becomes a document of the unit) and the step names it; a photo needs the
  // network, so offline it is refused with a message (false) rather than queued without its picture.
  async function photoOf(inputId) {
    const field = $(inputId);
    const file = field && field.files && field.files[0];
    if (!file) {
      return null;
    }
    if (!code) {
      say("error", "Scan a unit first.");
      return false;
    }
    if (offline()) {
      say("error", "A photo needs the network: take it again when the station is back online.");
      return false;
    }
    const form = new FormData();
    form.append("code", code);
    form.append("file", file);
    const response = await fetch(urls.photos, {
      method: "POST",
      credentials: "same-origin",
      headers: Object.assign({ Accept: "application/json" }, csrf),
      body: form,
    });
    const answer = await readJson(response);
    if (!response.ok) {
      say("error", `Photo refused: ${(answer && (answer.detail || answer.title)) || response.status}`);
      return false;
    }
    field.value = "";
    return answer.id;
  }

  async function step(action, extra) {
    if (!code) {
      say("error", "Scan a unit first.");
      input.focus();
      return;
    }
    const body = Object.assign({ code, station_id: stationSelect.value, action }, extra);
    if (offline()) {
      await enqueue(body);
      return;
    }
    let response;
    try {
      response = await post(urls.step, Object.assign({ device_id: deviceId() }, body));
    } catch (network) {
      await enqueue(body);
      return;
    }
    if (response.redirected || response.status === 401) {
      say("error", "You are signed out: sign in again, then repeat the step.");
      return;
    }
    const answer = await readJson(response);
    if (response.ok) {
      hideDetails();
      showAnswer(action, answer);
      if (answer && answer.unit && answer.unit.id) {
        showPassport(answer.unit.id);
      }
    } else {
      say("error", `${LABELS[action]} refused: ${(answer && (answer.detail || answer.title)) || response.status}`);
    }
    input.focus();
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: Object.assign({ "Content-Type": "application/json", Accept: "application/json" }, csrf),
      body: JSON.stringify(body),
    });
  }

  async function readJson(response) {
    try {
      return await response.json();
    } catch (ignored) {
      return null;
    }
  }

  function say(kind, text) {
    const p = document.createElement("p");
    p.className = kind === "error" ? "alert" : kind === "ok" ? "notice" : "scan-info";
    if (kind === "error") {
      p.setAttribute("role", "alert");
    }
    p.textContent = text;
    result.replaceChildren(result.querySelector("h2"), p);
  }

  function stationName(id) {
    const option = Array.from(stationSelect.options).find((o) => o.value === id);
    return option ? option.textContent : null;
  }

  /** The stage actions still missing become the choices of "Record action". */
  function offerActions(missing) {
    const select = $("scan-action-id");
    if (!Array.isArray(missing) || missing.length === 0) {
      return;
    }
    select.replaceChildren(...missing.map((m) => {
      const option = document.createElement("option");
      option.value = m.id;
      option.dataset.kind = m.kind || "";
      option.textContent = m.label || m.kind || m.id;
      return option;
    }));
  }

  /** The answer: the unit and its stage, then what is next (the actions still missing, or the next station). */
  function showAnswer(action, answer) {
    const unit = (answer && answer.unit) || {};
    const stage = (answer && answer.stage) || {};
    const next = (answer && answer.next) || {};
    const box = document.createElement("div");
    box.className = "notice scan-answer";
    box.setAttribute("role", "status");
    const head = document.createElement("p");
    const status = unit.status ? unit.status.toLowerCase().replace(/_/g, " ") : "";
    head.textContent = `${LABELS[action]}: ${unit.serial || code} ${status}`.trim()
      + (stage.name ? ` · stage ${stage.name}` : "");
    box.appendChild(head);
    const lines = [];
    const missing = Array.isArray(next.missing) ? next.missing : [];
    offerActions(missing);
    if (next.done) {
      lines.push("Done: this unit has no stage left.");
    } else {
      if (missing.length > 0) {
        lines.push("Still missing: " + missing.map((m) => m.label || m.kind).join(", "));
      }
      if (next.action) {
        lines.push("Next step here: " + (LABELS[next.action] || next.action).toLowerCase());
      }
      const nextStage = next.stage && next.stage.name;
      const station = stationName(next.station_id || (next.stage && next.stage.station_id));
      if (nextStage || station) {
        lines.push("Then: " + [nextStage, station && `at ${station}`].filter((t) => t).join(" "));
      }
    }
    lines.forEach((line) => {
      const p = document.createElement("p");
      p.textContent = line;
      box.appendChild(p);
    });
    result.replaceChildren(result.querySelector("h2"), box);
  }

  async function showPassport(unitId) {
    const src = urls.passport + encodeURIComponent(unitId) + "/passport";
    passportBody.setAttribute("data-live-src", src);
    try {
      const response = await fetch(src, { credentials: "same-origin", headers: { "HX-Request": "true" } });
      if (response.ok && !response.redirected) {
        const parsed = new DOMParser().parseFromString(await response.text(), "text/html");
        passportBody.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
      }
    } catch (ignored) {
      // offline: the passport shows again with the next answer
    }
  }

  // --- the offline queue (IndexedDB) ----------------------------------------------------------------------------

  let database = null;

  function db() {
    if (database) {
      return database;
    }
    database = new Promise((resolve, reject) => {
      const open = indexedDB.open("traveler-scan", 1);
      open.onupgradeneeded = () => open.result.createObjectStore("steps", { keyPath: "step_id" });
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    return database;
  }

  async function store(mode, work) {
    const connection = await db();
    return new Promise((resolve, reject) => {
      const tx = connection.transaction("steps", mode);
      const request = work(tx.objectStore("steps"));
      tx.oncomplete = () => resolve(request ? request.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  }

  async function queued() {
    const steps = await store("readonly", (s) => s.getAll());
    return steps.sort((a, b) => a.queued - b.queued);
  }

  async function enqueue(body) {
    const queuedStep = Object.assign({ step_id: uuid(), at: new Date().toISOString(), queued: Date.now() }, body);
    await store("readwrite", (s) => s.put(queuedStep));
    say("info", `${LABELS[body.action]} of ${body.code} queued on this device; it is sent when you are back online.`);
    hideDetails();
    await showQueue();
    input.focus();
  }

  async function showQueue() {
    const steps = await queued();
    queueCount.textContent = String(steps.length);
    queueList.replaceChildren(...steps.map((s) => {
      const li = document.createElement("li");
      li.className = "pending";
      li.dataset.stepId = s.step_id;
      li.textContent = `${LABELS[s.action]} · ${s.code} · ${new Date(s.at).toLocaleTimeString()} · pending`;
      return li;
    }));
    sendQueue.hidden = steps.length === 0;
    return steps;
  }

  sendQueue.addEventListener("click", () => upload());

  async function upload() {
    if (uploading || offline()) {
      return;
    }
    const steps = await queued();
    if (steps.length === 0) {
      return;
    }
    uploading = true;
    try {
      const payload = {
        device_id: deviceId(),
        steps: steps.map((s) => {
          const sent = Object.assign({}, s);
          delete sent.queued;
          return sent;
        }),
      };
      let response;
      try {
        response = await post(urls.batch, payload);
        if (response.status === 403 && (await refreshCsrf())) {
          response = await post(urls.batch, payload);
        }
      } catch (network) {
        return; // still offline; the queue stays
      }
      if (response.redirected || response.status === 401) {
        say("error", "You are signed out: sign in again; the queued steps stay on this device.");
        return;
      }
      const answer = await readJson(response);
      if (!response.ok || !answer || !Array.isArray(answer.results)) {
        say("error", "The queued steps were not taken: "
          + ((answer && (answer.detail || answer.title)) || response.status) + ". They stay queued.");
        return;
      }
      const byId = new Map(steps.map((s) => [s.step_id, s]));
      const answered = answer.results.filter((r) => byId.has(r.step_id));
      await store("readwrite", (s) => {
        answered.forEach((r) => s.delete(r.step_id));
        return null;
      });
      batchResults.replaceChildren(...answered.map((r) => {
        const s = byId.get(r.step_id);
        const li = document.createElement("li");
        li.className = "outcome-" + String(r.outcome).toLowerCase();
        li.dataset.stepId = r.step_id;
        li.dataset.outcome = r.outcome;
        li.textContent = `${LABELS[s.action]} · ${s.code}: ${r.outcome}` + (r.reason ? ` (${r.reason})` : "");
        return li;
      }));
      const conflicts = answered.filter((r) => r.outcome === "CONFLICT").length;
      say(conflicts ? "error" : "ok", `${answered.length} queued step(s) sent`
        + (conflicts ? `; ${conflicts} conflict(s): see below.` : "."));
    } finally {
      uploading = false;
      await showQueue();
    }
  }

  // --- the installable app --------------------------------------------------------------------------------------

  function install() {
    if (!document.querySelector("link[rel=manifest]")) {
      const link = document.createElement("link");
      link.rel = "manifest";
      link.href = urls.manifest;
      link.crossOrigin = "use-credentials";
      document.head.appendChild(link);
    }
    if ("serviceWorker" in navigator && window.isSecureContext) {
      navigator.serviceWorker.register(urls.worker, { scope: urls.page }).catch(() => {
        // the page still works online without its worker
      });
    }
  }

  install();
  showConnection();
  showQueue().then(() => upload());
  setInterval(() => upload(), 30000);
  input.focus();
})();

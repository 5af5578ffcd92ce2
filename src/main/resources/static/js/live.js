// Live pages: elements that say what they follow re-read themselves when the shop floor changes.
//
//   <div id="queue" data-live="station:{uuid}" data-live-src="/app/stations/{uuid}/queue">…</div>
//   <div id="board" data-live="org" data-live-src="/app/projects/board?workflow_id=…">…</div>
//
// data-live="org" follows every committed unit change of the organization; "station:{uuid}" only those at or
// leaving that station. On a change the element's data-live-src is fetched (as htmx would: HX-Request and HX-Target
// headers), at most once per second per element; when the answer holds an element with the live element's id, that
// element replaces it (a whole page or an outer fragment), otherwise the answer's body becomes its content. While
// the user types in a field inside it the refresh waits until the field loses focus. The stream is the page's own
// session's (GET /app/live/shop-floor, or data-live-stream on the element); EventSource reconnects by itself.
(() => {
  "use strict";
  const STREAM = "/app/live/shop-floor";
  const DEBOUNCE_MS = 1000;
  const timers = new WeakMap();
  const pendingOnBlur = new WeakSet();

  function liveElements() {
    return Array.from(document.querySelectorAll("[data-live]"));
  }

  function follows(element, change) {
    const what = element.getAttribute("data-live") || "";
    if (what === "org") {
      return true;
    }
    if (what.startsWith("station:")) {
      const station = what.substring("station:".length);
      return change == null || change.station_id === station || change.from_station_id === station;
    }
    return false;
  }

  function editing(element) {
    const active = document.activeElement;
    return active && active !== document.body && element.contains(active)
      && active.matches("input:not([type=button]):not([type=submit]):not([type=checkbox]):not([type=radio]), textarea, select");
  }

  async function refresh(element) {
    const src = element.getAttribute("data-live-src");
    if (!src || !element.isConnected) {
      return;
    }
    if (editing(element)) {
      pendingOnBlur.add(element);
      return;
    }
    const headers = { "HX-Request": "true" };
    if (element.id) {
      headers["HX-Target"] = element.id;
    }
    let response;
    try {
      response = await fetch(src, { headers, credentials: "same-origin", cache: "no-store" });
    } catch (offline) {
      return;
    }
    if (!response.ok || response.redirected) {
      return;
    }
    const html = await response.text();
    const parsed = new DOMParser().parseFromString(html, "text/html");
    const same = element.id ? parsed.getElementById(element.id) : null;
    let swapped = element;
    if (same) {
      const fresh = document.importNode(same, true);
      element.replaceWith(fresh);
      swapped = fresh;
    } else {
      element.replaceChildren(...Array.from(parsed.body.childNodes).map((n) => document.importNode(n, true)));
    }
    if (window.htmx && typeof window.htmx.process === "function") {
      window.htmx.process(swapped);
    }
    swapped.dispatchEvent(new CustomEvent("live:updated", { bubbles: true }));
  }

  function schedule(element) {
    if (timers.has(element)) {
      return;
    }
    timers.set(element, setTimeout(() => {
      timers.delete(element);
      refresh(element);
    }, DEBOUNCE_MS));
  }

  function changed(change) {
    for (const element of liveElements()) {
      if (follows(element, change)) {
        schedule(element);
      }
    }
  }

  /** One stream per page: a single station's when only that station is followed, else the organization's. */
  function streamUrl(elements) {
    const explicit = elements.map((e) => e.getAttribute("data-live-stream")).find((s) => s);
    const base = explicit || STREAM;
    const stations = new Set();
    let org = false;
    for (const element of elements) {
      const what = element.getAttribute("data-live") || "";
      if (what === "org") {
        org = true;
      } else if (what.startsWith("station:")) {
        stations.add(what.substring("station:".length));
      }
    }
    if (!org && stations.size === 1) {
      return base + (base.includes("?") ? "&" : "?") + "station_id=" + encodeURIComponent([...stations][0]);
    }
    return base;
  }

  function start() {
    const elements = liveElements();
    if (elements.length === 0 || typeof EventSource === "undefined") {
      return;
    }
    const source = new EventSource(streamUrl(elements), { withCredentials: true });
    source.addEventListener("unit", (event) => {
      let change = null;
      try {
        change = JSON.parse(event.data);
      } catch (ignored) {
        // an unreadable change still means something changed
      }
      changed(change);
    });
    document.addEventListener("focusout", (event) => {
      for (const element of liveElements()) {
        if (pendingOnBlur.has(element) && element.contains(event.target)) {
          pendingOnBlur.delete(element);
          schedule(element);
        }
      }
    });
    window.addEventListener("pagehide", () => source.close());
    window.TravelerLive = { source, refresh: (element) => schedule(element) };
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

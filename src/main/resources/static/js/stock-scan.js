// The stock forms' scanning: a field marked data-scan-field takes what a keyboard-wedge scanner types, and Enter
// there moves on to the next field instead of sending the form (a scanner ends every code with Enter). A button
// data-scan-camera="<field id>" reads a code with the camera (html5-qrcode, the same WebJar as the scan station) into
// that field. On a count page, the field data-count-find selects the counted quantity of the scanned part's line.
(function () {
  "use strict";
  const root = document.querySelector("[data-stock-scan]");
  if (!root) {
    return;
  }
  const message = document.getElementById("stock-scan-message");
  const view = document.getElementById("stock-camera-view");

  function say(text) {
    if (message) {
      message.textContent = text;
    }
  }

  function nextField(from) {
    const fields = Array.from(from.form ? from.form.elements : [])
      .filter((e) => (e.tagName === "INPUT" || e.tagName === "SELECT" || e.tagName === "TEXTAREA")
        && e.type !== "hidden" && !e.disabled && e.offsetParent !== null);
    const at = fields.indexOf(from);
    return at >= 0 && at + 1 < fields.length ? fields[at + 1] : null;
  }

  function findLine(code) {
    const wanted = code.trim().toUpperCase();
    const row = Array.from(root.querySelectorAll("tr[data-part]"))
      .find((r) => (r.dataset.part || "").toUpperCase() === wanted);
    if (!row) {
      say("No line of " + code + " here; add it under “Found something not listed”.");
      const found = document.getElementById("found_part");
      if (found) {
        found.value = code.trim();
        const quantity = document.getElementById("found_quantity");
        (quantity || found).focus();
      }
      return;
    }
    const input = row.querySelector("input");
    if (input) {
      input.focus();
      input.select();
      say("Type the count of " + code + ".");
    }
  }

  function use(field, code) {
    field.value = code.trim();
    if (field.hasAttribute("data-count-find")) {
      findLine(field.value);
      field.value = "";
      return;
    }
    const next = nextField(field);
    if (next) {
      next.focus();
    }
  }

  root.querySelectorAll("[data-scan-field]").forEach((field) => {
    field.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") {
        return;
      }
      event.preventDefault();
      if (field.value.trim() !== "") {
        use(field, field.value);
      }
    });
  });

  let camera = null;

  async function stopCamera() {
    if (camera) {
      await camera.stop().catch(() => {});
      camera = null;
    }
    if (view) {
      view.hidden = true;
    }
  }

  root.querySelectorAll("[data-scan-camera]").forEach((button) => {
    button.addEventListener("click", async () => {
      const field = document.getElementById(button.dataset.scanCamera);
      if (camera) {
        await stopCamera();
        return;
      }
      const library = window.__Html5QrcodeLibrary__;
      if (!library || !library.Html5Qrcode || !view || !field) {
        say("The camera scanner did not load; type or wedge-scan the code instead.");
        return;
      }
      view.hidden = false;
      camera = new library.Html5Qrcode(view.id);
      try {
        await camera.start({ facingMode: "environment" }, { fps: 10, qrbox: 240 }, async (text) => {
          await stopCamera();
          use(field, text);
          say("Scanned " + text.trim() + ".");
        });
      } catch (refused) {
        camera = null;
        view.hidden = true;
        say("No camera could be opened (" + refused + "); type or wedge-scan the code instead.");
      }
    });
  });
})();

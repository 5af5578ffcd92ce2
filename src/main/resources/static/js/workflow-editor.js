// The workflow editor: stages are cards reordered by dragging their handle (or by their arrows), stages and actions
// are added from <template>s and removed, and on submit the whole workflow goes to the server as one JSON field —
// the body the API reads — so ids, order and field names are the API's. Inputs are renumbered after every change so
// that an error the server names (stages[1].station_id) links to its input.
(() => {
  const form = document.getElementById("workflow-editor");
  if (!form) return;
  const list = document.getElementById("stages");
  const stageTemplate = document.getElementById("stage-template");
  const actionTemplate = document.getElementById("action-template");
  let dragged = null;

  const clone = (template) => template.content.firstElementChild.cloneNode(true);

  const renumber = () => {
    list.querySelectorAll(":scope > .stage-card").forEach((card, i) => {
      card.querySelector(".stage-number").textContent = `Stage ${i + 1}`;
      name(card, `stages[${i}]`, ":scope > .row");
      card.querySelectorAll(".action-row").forEach((row, j) => name(row, `stages[${i}].actions[${j}]`, ""));
    });
  };

  // gives the inputs of one stage (only its own rows) or of one action their ids, and their labels the same
  const name = (element, prefix, scope) => {
    const fields = scope ? element.querySelectorAll(`${scope} [data-field]`) : element.querySelectorAll("[data-field]");
    fields.forEach((input) => {
      const id = `${prefix}.${input.dataset.field}`;
      const field = input.closest(".field");
      const label = field && field.querySelector("label[for]");
      if (label) label.htmlFor = id;
      input.id = id;
    });
  };

  const value = (scope, field) => {
    const input = scope.querySelector(`[data-field="${field}"]`);
    if (!input) return null;
    if (input.type === "checkbox") return input.checked;
    const text = input.value.trim();
    return text === "" ? null : text;
  };

  const number = (scope, field) => {
    const text = value(scope, field);
    if (text === null) return null;
    const parsed = Number(text);
    return Number.isFinite(parsed) ? parsed : text;
  };

  const definition = () => ({
    name: document.getElementById("name").value.trim(),
    description: document.getElementById("description").value.trim() || null,
    stages: [...list.querySelectorAll(":scope > .stage-card")].map((card) => {
      return {
        name: value(card, "name"),
        station_id: value(card, "station_id"),
        expected_minutes: number(card, "expected_minutes"),
        required_qc_process_id: value(card, "required_qc_process_id"),
        actions: [...card.querySelectorAll(".action-row")].map((row) => {
          const kind = value(row, "kind");
          return {
            kind,
            label: value(row, "label"),
            required: value(row, "required"),
            checklist_items: kind === "checklist"
              ? (value(row, "checklist_items") || "").split("\n").map((item) => item.trim()).filter((item) => item)
              : [],
            unit: kind === "measurement" ? value(row, "unit") : null,
            target_value: kind === "measurement" ? number(row, "target_value") : null,
            tolerance: kind === "measurement" ? number(row, "tolerance") : null,
            permission: kind === "sign_off" ? value(row, "permission") : null,
          };
        }),
      };
    }),
  });

  form.addEventListener("submit", () => {
    document.getElementById("definition").value = JSON.stringify(definition());
  });

  form.addEventListener("click", (event) => {
    const button = event.target instanceof Element ? event.target.closest("button") : null;
    if (!button) return;
    const card = button.closest(".stage-card");
    if (button.hasAttribute("data-add-stage")) {
      const added = clone(stageTemplate);
      list.appendChild(added);
      renumber();
      added.querySelector('[data-field="name"]').focus();
    } else if (button.hasAttribute("data-remove-stage") && card) {
      card.remove();
      renumber();
    } else if (button.dataset.move === "up" && card && card.previousElementSibling) {
      list.insertBefore(card, card.previousElementSibling);
      renumber();
      button.focus();
    } else if (button.dataset.move === "down" && card && card.nextElementSibling) {
      list.insertBefore(card.nextElementSibling, card);
      renumber();
      button.focus();
    } else if (button.hasAttribute("data-add-action") && card) {
      const added = clone(actionTemplate);
      card.querySelector(".action-list").appendChild(added);
      renumber();
      added.querySelector('[data-field="kind"]').focus();
    } else if (button.hasAttribute("data-remove-action")) {
      button.closest(".action-row").remove();
      renumber();
    } else {
      return;
    }
    event.preventDefault();
  });

  form.addEventListener("change", (event) => {
    const select = event.target;
    if (select instanceof HTMLSelectElement && select.dataset.field === "kind") {
      select.closest(".action-row").dataset.kind = select.value;
    }
  });

  // dragging a stage by its handle: over another card it goes before or after it, by which half the pointer is on
  form.addEventListener("dragstart", (event) => {
    const handle = event.target instanceof Element ? event.target.closest(".drag-handle") : null;
    if (!handle || handle.closest("fieldset[disabled]")) return;
    dragged = handle.closest(".stage-card");
    dragged.classList.add("dragging");
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.querySelector(".stage-number").textContent);
      event.dataTransfer.setDragImage(dragged, 20, 20);
    }
  });

  form.addEventListener("dragover", (event) => {
    const over = event.target instanceof Element ? event.target.closest(".stage-card") : null;
    if (!dragged || !over) return;
    event.preventDefault();
    if (over === dragged) return;
    const box = over.getBoundingClientRect();
    const before = event.clientY < box.top + box.height / 2;
    list.insertBefore(dragged, before ? over : over.nextElementSibling);
  });

  form.addEventListener("drop", (event) => {
    if (!dragged) return;
    event.preventDefault();
    renumber();
  });

  form.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    renumber();
  });
})();

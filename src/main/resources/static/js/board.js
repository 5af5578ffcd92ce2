// The order board: a card dropped on a column posts the move with the card's own form (htmx swaps the board that
// answers, the refusal's reason included). Buttons on each card do the same without dragging.
(() => {
  let dragged = null;

  const columnOf = (event) => event.target instanceof Element ? event.target.closest(".board-column") : null;

  document.addEventListener("dragstart", (event) => {
    const card = event.target instanceof Element ? event.target.closest(".board-card[draggable=true]") : null;
    if (!card) return;
    dragged = card;
    card.classList.add("dragging");
    if (event.dataTransfer) {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.dataset.order);
    }
    const allowed = (card.dataset.targets || "").split(" ");
    document.querySelectorAll(".board-column").forEach((column) => {
      column.classList.toggle("drop-allowed", allowed.includes(column.dataset.phase));
    });
  });

  document.addEventListener("dragend", () => {
    if (dragged) dragged.classList.remove("dragging");
    dragged = null;
    document.querySelectorAll(".board-column").forEach((column) => {
      column.classList.remove("drop-allowed", "drop-over");
    });
  });

  document.addEventListener("dragover", (event) => {
    const column = columnOf(event);
    if (!dragged || !column) return;
    event.preventDefault();
    document.querySelectorAll(".drop-over").forEach((c) => c !== column && c.classList.remove("drop-over"));
    column.classList.add("drop-over");
  });

  document.addEventListener("drop", (event) => {
    const column = columnOf(event);
    const card = dragged;
    if (!card || !column) return;
    event.preventDefault();
    dragged = null;
    if (column.contains(card)) return;
    const form = card.querySelector("form.card-moves");
    const phase = form && form.querySelector("[data-drop-phase]");
    if (!phase) return;
    phase.name = "to_phase";
    phase.value = column.dataset.phase;
    card.classList.add("moving");
    form.requestSubmit();
  });

  // A refused move answers 409 (or 403, 422) with the board and the reason: show it rather than htmx's default of
  // swapping nothing. Only the board's own answer is swapped in, never an error page.
  document.addEventListener("htmx:beforeSwap", (event) => {
    const status = event.detail.xhr.status;
    if ((status === 403 || status === 409 || status === 422) && event.detail.target && event.detail.target.id === "board"
        && event.detail.xhr.responseText.includes('id="board"')) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();

// Behaviour the pages declare with data- attributes: the Content-Security-Policy allows no inline script or handler.

// <input data-submit-on-change>: changing it submits its form (the BOM tree's "Include optional lines").
document.addEventListener("change", (event) => {
  const input = event.target;
  if (input instanceof HTMLElement && input.matches("[data-submit-on-change]") && input.form) {
    input.form.requestSubmit();
  }
});

// Confirmation before destructive actions: <form data-confirm="...">.
document.addEventListener("submit", (e) => {
  const form = e.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    e.preventDefault();
  }
});

// Searchable drop-downs: <select data-searchable>. Free text allowed with data-create.
function enhanceSelects(root) {
  root.querySelectorAll("select[data-searchable]:not(.tomselected)").forEach((el) => {
    new TomSelect(el, { create: el.dataset.create === "true", allowEmptyOption: true, maxOptions: 500 });
  });
}
document.addEventListener("DOMContentLoaded", () => enhanceSelects(document));
document.addEventListener("htmx:afterSwap", (e) => enhanceSelects(e.target));

// Confirmation before destructive actions: <form data-confirm="...">.
document.addEventListener("submit", (e) => {
  const form = e.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    e.preventDefault();
  }
});

// Searchable drop-downs: <select data-searchable>. Free text allowed with data-create.
// With data-search-url the server is asked as the user types (GET url&q=..., answering
// [{value, text, code}]), for lists too long to send with the page.
function enhanceSelects(root) {
  root.querySelectorAll("select[data-searchable]:not(.tomselected)").forEach((el) => {
    const options = { create: el.dataset.create === "true", allowEmptyOption: true, maxOptions: 500 };
    const url = el.dataset.searchUrl;
    if (url) {
      Object.assign(options, {
        searchField: ["text", "code"],
        shouldLoad: (q) => q.trim().length > 0,
        load: (q, done) => {
          const sep = url.includes("?") ? "&" : "?";
          fetch(`${url}${sep}q=${encodeURIComponent(q)}`, { headers: { Accept: "application/json" }, credentials: "same-origin" })
            .then((r) => (r.ok ? r.json() : []))
            .then((items) => done(items), () => done());
        },
      });
    }
    new TomSelect(el, options);
  });
}
document.addEventListener("DOMContentLoaded", () => enhanceSelects(document));
document.addEventListener("htmx:afterSwap", (e) => enhanceSelects(e.target));

// Confirmation before destructive actions: <form data-confirm="...">.
document.addEventListener("submit", (e) => {
  const form = e.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    e.preventDefault();
  }
});

// Searchable drop-downs.
//   <select data-searchable>                 the options in the page, filtered as you type
//   <select data-search-url="/x?handler=Y">  options fetched as you type: JSON [{id, name}]
function enhanceSelects(root) {
  root.querySelectorAll("select[data-searchable]:not(.tomselected)").forEach((el) => {
    new TomSelect(el, { allowEmptyOption: true, maxOptions: 500 });
  });
  root.querySelectorAll("select[data-search-url]:not(.tomselected)").forEach((el) => {
    const url = el.dataset.searchUrl;
    new TomSelect(el, {
      valueField: "id",
      labelField: "name",
      searchField: ["name", "code"],
      placeholder: el.dataset.placeholder || "",
      preload: "focus",
      loadThrottle: 250,
      shouldLoad: () => true,
      load: (query, callback) => {
        fetch(url + (url.includes("?") ? "&" : "?") + "q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
          .then((r) => (r.ok ? r.json() : []))
          .then((items) => callback(items))
          .catch(() => callback());
      },
      render: {
        option: (item, escape) => `<div>${escape(item.name)}${item.code ? ` <small class="text-muted">${escape(item.code)}</small>` : ""}</div>`,
      },
    });
  });
}
document.addEventListener("DOMContentLoaded", () => enhanceSelects(document));
document.addEventListener("htmx:afterSwap", (e) => enhanceSelects(e.target));

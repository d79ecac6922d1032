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
//     data-search-with="name:#field" adds that field's current value as a parameter (e.g. the
//     order's supplier for its product lines); changing the field forgets the options loaded.
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
      placeholder: el.dataset.prompt || "",
      preload: "focus",
      loadThrottle: 250,
      shouldLoad: () => true,
      load: (query, callback) => {
        let address = url + (url.includes("?") ? "&" : "?") + "q=" + encodeURIComponent(query);
        if (el.dataset.searchWith) {
          const [name, selector] = el.dataset.searchWith.split(":");
          const value = document.querySelector(selector)?.value;
          if (value) address += "&" + encodeURIComponent(name) + "=" + encodeURIComponent(value);
        }
        fetch(address, { headers: { Accept: "application/json" } })
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
document.addEventListener("change", (e) => {
  if (!(e.target instanceof HTMLElement) || !e.target.id) return;
  document.querySelectorAll(`select[data-search-with$=":#${e.target.id}"]`).forEach((el) => el.tomselect?.clearOptions());
});
document.addEventListener("htmx:afterSwap", (e) => enhanceSelects(e.target));

// Document lines: <section data-lines data-next="N"> with a <tbody data-lines-body>, a
// <template data-line-template> whose "__i__" becomes the new row's index, a [data-add-line]
// button and a [data-remove-line] button per row. Indexes need not be contiguous: each row posts
// its own "….Index" value.
document.addEventListener("click", (e) => {
  const add = e.target.closest("[data-add-line]");
  if (add) {
    const root = add.closest("[data-lines]");
    const body = root.querySelector("[data-lines-body]");
    const next = Number(root.dataset.next || body.children.length);
    root.dataset.next = String(next + 1);
    body.insertAdjacentHTML("beforeend", root.querySelector("template[data-line-template]").innerHTML.replaceAll("__i__", String(next)));
    const row = body.lastElementChild;
    enhanceSelects(row);
    row.querySelector("select")?.tomselect?.focus();
    e.preventDefault();
    return;
  }
  const remove = e.target.closest("[data-remove-line]");
  if (remove) {
    remove.closest("tr").remove();
    e.preventDefault();
  }
});

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
    updateOrderTotals(root);
    e.preventDefault();
    return;
  }
  const remove = e.target.closest("[data-remove-line]");
  if (remove) {
    const root = remove.closest("[data-lines]");
    remove.closest("tr").remove();
    updateOrderTotals(root);
    e.preventDefault();
  }
});

// Order lines (_OrderLines.cshtml): <section data-lines data-default-price="purchase|sale"> shows
// each row's 金额 in [data-line-amount] and their sum in [data-lines-total] as the user types. An
// empty 单价 is the chosen product's price (kept on its <select> as data-purchase-price /
// data-sale-price, from the lookup's item when picked); an empty 折扣 is 1. Saving computes them
// again on the server, and that is what counts.

// A plain decimal string as [all its digits as a BigInt, number of decimals], or null.
function parseDecimal(text) {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text ?? "");
  if (!m || m[2] + (m[3] ?? "") === "") return null;
  const digits = BigInt((m[2] || "0") + (m[3] ?? ""));
  return [m[1] === "-" ? -digits : digits, (m[3] ?? "").length];
}

// The product of decimals in cents, rounded half away from zero like the server
// (Platform/Money/LineAmount). Done in integers: Math.round(x * 100) on floats gets cases such as
// 1.005 or 3 × 10.1 × 0.85 = 25.755 wrong, since those are not exact binary fractions.
function centsOfProduct(factors) {
  let value = 1n;
  let decimals = 0;
  for (const [digits, scale] of factors) {
    value *= digits;
    decimals += scale;
  }
  if (decimals <= 2) return value * 10n ** BigInt(2 - decimals);
  const unit = 10n ** BigInt(decimals - 2);
  const size = value < 0n ? -value : value;
  const cents = size / unit + ((size % unit) * 2n >= unit ? 1n : 0n);
  return value < 0n ? -cents : cents;
}

// Cents as the server shows money ("N2": 1,234.50).
function formatCents(cents) {
  const size = cents < 0n ? -cents : cents;
  const whole = (size / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (cents < 0n ? "-" : "") + whole + "." + (size % 100n).toString().padStart(2, "0");
}

function updateOrderTotals(root) {
  if (root?.dataset.sumField) {
    updateLineSum(root);
    return;
  }
  const which = root?.dataset.defaultPrice;
  if (!which) return;
  let total = 0n;
  root.querySelectorAll("[data-lines-body] > tr").forEach((row) => {
    const cell = row.querySelector("[data-line-amount]");
    const product = row.querySelector("select");
    const field = (name) => row.querySelector(`input[name$="].${name}"]`)?.value.trim() ?? "";
    const price = field("UnitPrice") || (which === "sale" ? product?.dataset.salePrice : product?.dataset.purchasePrice);
    const factors = [parseDecimal(field("Quantity")), parseDecimal(price), parseDecimal(field("Discount") || "1")];
    if (!cell) return;
    if (!product?.value || factors.includes(null)) {
      cell.textContent = "";
      return;
    }
    const cents = centsOfProduct(factors);
    cell.textContent = formatCents(cents);
    total += cents;
  });
  root.querySelector("[data-lines-total]").textContent = formatCents(total);
}

// Lines that carry their own amount (a claim's 金额): <section data-lines data-sum-field="Amount">
// sums the rows' "….Amount" inputs into [data-lines-total], and shows that less the
// [data-sum-less] input (冲抵金额) in [data-sum-rest] (实付金额). Saving computes them again.
function updateLineSum(root) {
  const field = root.dataset.sumField;
  let total = 0n;
  root.querySelectorAll(`[data-lines-body] input[name$="].${field}"]`).forEach((input) => {
    const value = parseDecimal(input.value);
    if (value && value[1] <= 2) total += centsOfProduct([value]);
  });
  root.querySelector("[data-lines-total]").textContent = formatCents(total);
  const rest = root.querySelector("[data-sum-rest]");
  if (!rest) return;
  const less = parseDecimal(root.querySelector("[data-sum-less]")?.value || "0");
  rest.textContent = less && less[1] <= 2 ? formatCents(total - centsOfProduct([less])) : "";
}

document.addEventListener("input", (e) => updateOrderTotals(e.target.closest?.("[data-lines]")));
document.addEventListener("change", (e) => {
  const select = e.target;
  const root = select.closest?.("[data-lines]");
  if (!root || !(select instanceof HTMLSelectElement)) return;
  const item = select.tomselect?.options[select.value];
  if (!select.value) {
    delete select.dataset.purchasePrice;
    delete select.dataset.salePrice;
  } else if (item && "salePrice" in item) {
    select.dataset.purchasePrice = item.purchasePrice ?? "";
    select.dataset.salePrice = item.salePrice ?? "";
  }
  updateOrderTotals(root);
});
document.addEventListener("DOMContentLoaded", () => document.querySelectorAll("[data-lines]").forEach(updateOrderTotals));

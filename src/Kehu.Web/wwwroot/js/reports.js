// Report pages (Modules/Analytics). Charts: <div class="report-chart" data-option-id="x"> with its ECharts
// option in <script type="application/json" id="x">. A data item with a "url" opens it on click
// (drill-down to the documents behind the figure). Charts are (re)drawn when htmx swaps a report in.
(() => {
  const drawn = new Set();

  function draw(root) {
    root.querySelectorAll(".report-chart").forEach((el) => {
      const source = document.getElementById(el.dataset.optionId);
      if (!source) return;
      echarts.getInstanceByDom(el)?.dispose();
      const chart = echarts.init(el, null, { renderer: "canvas" });
      chart.setOption(JSON.parse(source.textContent));
      chart.on("click", (p) => {
        if (p.data && p.data.url) window.location.assign(p.data.url);
      });
      drawn.add(chart);
    });
  }

  document.addEventListener("DOMContentLoaded", () => draw(document));
  document.addEventListener("htmx:beforeSwap", (e) => {
    e.detail.target.querySelectorAll?.(".report-chart").forEach((el) => {
      const chart = echarts.getInstanceByDom(el);
      if (chart) {
        drawn.delete(chart);
        chart.dispose();
      }
    });
  });
  document.addEventListener("htmx:afterSettle", (e) => draw(e.detail.elt.ownerDocument === document ? e.detail.elt : document));
  window.addEventListener("resize", () => drawn.forEach((c) => c.resize()));
})();

// The period picker shows the date for 日/周/月/季/年 and the range for 自定义.
document.addEventListener("change", (e) => {
  if (!(e.target instanceof HTMLSelectElement) || e.target.id !== "p-period") return;
  const custom = e.target.value === "custom";
  document.querySelectorAll("[data-period=preset]").forEach((el) => el.classList.toggle("d-none", custom));
  document.querySelectorAll("[data-period=custom]").forEach((el) => el.classList.toggle("d-none", !custom));
});

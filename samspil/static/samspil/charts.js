// Charts drawn with Chart.js from data the page embeds; every chart has a table beside it.
(function () {
  var canvas = document.getElementById("maturity-chart");
  var source = document.getElementById("maturity-data");
  if (!canvas || !source || !window.Chart) { return; }
  var data = JSON.parse(source.textContent);
  var colours = ["#0059b3", "#008139", "#b35c00", "#7a1fa2", "#a00034"];
  new window.Chart(canvas, {
    type: "radar",
    data: {
      labels: data.labels,
      datasets: data.datasets.map(function (set, i) {
        var colour = colours[i % colours.length];
        return { label: set.label, data: set.data, borderColor: colour, backgroundColor: colour + "22", pointBackgroundColor: colour };
      })
    },
    options: {
      animation: false,
      // From 0, so that level 1 (canteen) is a ring of its own rather than the centre point.
      scales: { r: { min: 0, max: 3, ticks: { stepSize: 1, callback: function (v) { return data.levels[String(v)] || ""; } }, pointLabels: { font: { size: 13 } } } }
    }
  });
})();

// Workshop 2's analysis: mean relevance and companies with a need per statement.
(function () {
  var canvas = document.getElementById("analysis-chart");
  var source = document.getElementById("analysis-data");
  if (!canvas || !source || !window.Chart) { return; }
  var data = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: canvas.dataset.relevance || "Relevance", data: data.relevance, backgroundColor: "#0059b3", yAxisID: "y" },
        { label: canvas.dataset.need || "Companies with a need", data: data.need, backgroundColor: "#008139", yAxisID: "y1" }
      ]
    },
    options: { animation: false, scales: { y: { min: 0, max: 5 }, y1: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } } } }
  });
})();

// The competence spider: current against target level per subject area.
(function () {
  var canvas = document.getElementById("plan-chart");
  var source = document.getElementById("plan-data");
  if (!canvas || !source || !window.Chart) { return; }
  var data = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    type: "radar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.current_label, data: data.current, borderColor: "#b35c00", backgroundColor: "#b35c0022" },
        { label: data.target_label, data: data.target, borderColor: "#0059b3", backgroundColor: "#0059b322" }
      ]
    },
    options: { animation: false, scales: { r: { min: 0, max: 5, ticks: { stepSize: 1 } } } }
  });
})();

// The ESF indicators, totals per code.
(function () {
  var canvas = document.getElementById("esf-chart");
  var source = document.getElementById("esf-data");
  if (!canvas || !source || !window.Chart) { return; }
  var data = JSON.parse(source.textContent);
  new window.Chart(canvas, {
    type: "bar",
    data: { labels: data.labels, datasets: [{ label: "total", data: data.totals, backgroundColor: "#0059b3" }] },
    options: { animation: false, plugins: { legend: { display: false } } }
  });
})();

// Targets and progress: the share of each target reached at each status-report date.
(function () {
  var canvas = document.getElementById("progress-chart");
  var source = document.getElementById("progress-data");
  if (!canvas || !source || !window.Chart) { return; }
  var data = JSON.parse(source.textContent);
  var colours = ["#0059b3", "#008139", "#b35c00", "#7a1fa2", "#a00034", "#005f5f", "#595959"];
  new window.Chart(canvas, {
    type: "line",
    data: {
      labels: data.labels,
      datasets: data.datasets.map(function (set, i) {
        var colour = colours[i % colours.length];
        return { label: set.label, data: set.data, borderColor: colour, backgroundColor: colour };
      })
    },
    options: { animation: false, scales: { y: { beginAtZero: true, suggestedMax: 100, ticks: { callback: function (v) { return v + " %"; } } } } }
  });
})();

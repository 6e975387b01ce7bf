/* Draws the charts of charts.html and department_charts.html from their /api JSON.
   Amounts arrive as exact decimal strings in 元; they become numbers here, for drawing only. */
(function () {
  "use strict";
  var WAN = 10000;
  function num(text) { return text === null || text === undefined ? null : Number(text); }
  function wan(yuan) { return (yuan / WAN).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + " 万元"; }
  function treeToNumbers(nodes) {
    return (nodes || []).map(function (n) {
      var out = { name: n.name, value: num(n.value) };
      if (n.children) { out.children = treeToNumbers(n.children); }
      return out;
    });
  }
  function treemap(data, rootName) {
    return {
      tooltip: { formatter: function (p) { return p.name + "<br>" + wan(p.value); } },
      series: [{
        type: "treemap", name: rootName, data: treeToNumbers(data.tree),
        leafDepth: 1, nodeClick: "zoomToNode", roam: false,
        breadcrumb: { show: true, bottom: 4 },
        label: { formatter: function (p) { return p.name + "\n" + wan(p.value); } },
        upperLabel: { show: true, height: 22 },
        levels: [{ itemStyle: { gapWidth: 2 } }, { itemStyle: { gapWidth: 1 } }, {}]
      }]
    };
  }
  function pie(data) {
    return {
      tooltip: { formatter: function (p) { return p.name + "<br>" + wan(p.value) + "（" + p.percent + "%）"; } },
      legend: { bottom: 0 },
      series: [{ type: "pie", radius: ["35%", "65%"],
        data: data.rows.map(function (r) { return { name: r.purpose, value: num(r.amount) }; }),
        label: { formatter: function (p) { return p.name + "\n" + wan(p.value); } } }]
    };
  }
  function years(data) {
    var rows = data.rows;
    var cats = rows.map(function (r) { return r.year + "年" + r.kind; });
    function series(key, name) {
      return { type: "bar", stack: "all", name: name, data: rows.map(function (r) { return num(r[key]); }) };
    }
    return {
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null ? "无明细" : wan(v); } },
      legend: { bottom: 0 },
      xAxis: { type: "category", data: cats },
      yAxis: { type: "value", axisLabel: { formatter: function (v) { return v / WAN; } }, name: "万元" },
      series: [series("basic", "基本支出"), series("project", "项目支出"), series("unsplit", "未分基本和项目")]
    };
  }
  function classes(data) {
    return {
      tooltip: { formatter: function (p) { return p.name + "<br>" + wan(p.value) + "（" + p.percent + "%）"; } },
      series: [{ type: "pie", radius: "65%",
        data: data.rows.map(function (r) { return { name: r.code + " " + r.name, value: num(r.amount) }; }) }]
    };
  }
  var BUILD = { classes: classes, functional: function (d) { return treemap(d, "支出功能分类"); },
                economic: function (d) { return treemap(d, "经济分类"); },
                purpose: pie, years: years };
  function draw(el) {
    var note = el.parentNode.querySelector(".yc-note");
    fetch(el.dataset.src, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data.note) { note.textContent = data.note; note.hidden = false; }
        if (!data.rows || data.rows.length === 0) { el.style.height = "0"; return; }
        var chart = echarts.init(el);
        chart.setOption(BUILD[el.dataset.chart](data));
        window.addEventListener("resize", function () { chart.resize(); });
      })
      .catch(function () { note.textContent = "图表数据读取失败。"; note.hidden = false; });
  }
  document.querySelectorAll("[data-chart]").forEach(draw);
})();

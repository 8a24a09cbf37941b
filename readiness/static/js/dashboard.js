// Results dashboard: on a phone-width screen, give the charts drawn by charts.js more room:
// blocks named by id only (B1 ... B8; the table under each chart has the full names), smaller
// fonts.
(function () {
  if (!window.Plotly || window.innerWidth > 600) return;
  var Plotly = window.Plotly;
  function ids(labels) {  // "B3 Valued customer<br>experience" -> "B3"
    return labels.map(function (label) { return label === null ? null : String(label).split(' ')[0]; });
  }
  var radar = document.getElementById('radar');
  if (radar && radar.data) {
    Plotly.restyle(radar, {theta: radar.data.map(function (t) { return ids(t.theta); })});
    Plotly.relayout(radar, {height: 480, 'margin.l': 30, 'margin.r': 30, 'margin.t': 30,
                            'margin.b': 110, 'legend.y': -0.32});
  }
  var heatmap = document.getElementById('heatmap');
  if (heatmap && heatmap.data) {
    // The heat map's axes are numbered (charts: heatmap_chart.py) with the names as tick text;
    // its colour scale sits under the grid, where a phone has room for it.
    var layout = heatmap.layout;
    Plotly.restyle(heatmap, {'textfont.size': 11, 'colorbar.len': 1, 'colorbar.tickfont.size': 9,
                             'colorbar.title.text': ''}, [0]);
    Plotly.relayout(heatmap, {'yaxis.tickfont.size': 10, 'xaxis.ticktext': ids(layout.xaxis.ticktext),
                              'xaxis.tickangle': 0, 'margin.r': 10,
                              height: layout.height - 100});
  }
  ['gaps', 'dont-know', 'response'].forEach(function (id) {
    var node = document.getElementById(id);
    if (node && node.data) Plotly.relayout(node, {'yaxis.tickfont.size': 10});
  });
})();

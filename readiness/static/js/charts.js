// Draw every Plotly figure whose JSON the page embeds as <script type="application/json" id="X-data">.
document.querySelectorAll('script[type="application/json"][id$="-data"]').forEach(function (node) {
  var target = document.getElementById(node.id.replace(/-data$/, ''));
  if (!target || !window.Plotly) return;
  var fig = JSON.parse(node.textContent);
  window.Plotly.newPlot(target, fig.data, fig.layout, {responsive: true, displaylogo: false});
});

// Draw every Plotly figure whose JSON the page embeds as <script type="application/json" id="X-data">.
// A chart repeats what a table beside it says, so its container is aria-hidden; the controls Plotly
// draws into it (mode bar buttons) leave the tab order too, or a keyboard would land on hidden ones.
function unfocusable(target) {
  target.querySelectorAll('a, button, input, [tabindex]').forEach(function (el) {
    el.setAttribute('tabindex', '-1');
  });
}

document.querySelectorAll('script[type="application/json"][id$="-data"]').forEach(function (node) {
  var target = document.getElementById(node.id.replace(/-data$/, ''));
  if (!target || !window.Plotly) return;
  var fig = JSON.parse(node.textContent);
  window.Plotly.newPlot(target, fig.data, fig.layout, {responsive: true, displaylogo: false})
    .then(function () {
      unfocusable(target);
      target.on('plotly_afterplot', function () { unfocusable(target); });
    });
});

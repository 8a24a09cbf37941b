// Poll each unfinished report job and show its stage; swap in the download link when ready.
document.querySelectorAll('#report-jobs tr[data-status-url]').forEach(function (row) {
  var stageCell = row.querySelector('.job-stage');
  if (!/…$/.test(stageCell.textContent.trim())) return;
  function poll() {
    fetch(row.dataset.statusUrl, {credentials: 'same-origin'}).then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.status === 'done') { window.location.reload(); return; }
        if (state.status === 'failed') { stageCell.textContent = 'failed: ' + (state.error || ''); return; }
        stageCell.textContent = state.stage + '…';
        setTimeout(poll, 700);
      }).catch(function () { setTimeout(poll, 2000); });
  }
  poll();
});

/* Backtest page: polls the run's progress, moves the bar, and shows the results once the run has finished. */
(function () {
  'use strict';
  var section = document.querySelector('[data-backtest-progress]');
  if (!section) return;
  var bar = document.getElementById('backtest-progress');
  var status = document.getElementById('backtest-status');
  function poll() {
    fetch(section.getAttribute('data-backtest-progress'), { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (progress) {
        if (progress.finished) { window.location.reload(); return; }
        bar.value = progress.percent;
        bar.textContent = progress.percent + ' %';
        status.textContent = progress.done + ' of ' + progress.total + ' leads.';
        window.setTimeout(poll, 500);
      })
      .catch(function () { status.textContent = 'Progress is not available; use the link below to see the results.'; });
  }
  window.setTimeout(poll, 300);
})();

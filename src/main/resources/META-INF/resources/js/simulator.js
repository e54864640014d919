/* Score simulator: re-scores as answers change (the form still works without scripts) and keeps the focus where it was. */
(function () {
  'use strict';
  var timer = null;
  var changes = 0;

  function rescore(form) {
    // An answer changed after this request left would be lost if its reply replaced the form.
    var asOf = changes;
    var progress = document.getElementById('simulator-progress');
    if (progress) progress.textContent = 'Scoring…';
    fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin',
    })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        if (asOf !== changes) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('simulator-section');
        var section = document.getElementById('simulator-section');
        if (!fresh || !section) return;
        var focused = document.activeElement && document.activeElement.id;
        section.replaceChildren.apply(section, Array.from(fresh.childNodes).map(function (node) {
          return document.importNode(node, true);
        }));
        var again = focused && document.getElementById(focused);
        if (again) again.focus();
      })
      .catch(function () {
        var progress = document.getElementById('simulator-progress');
        if (progress) progress.textContent = 'Not scored: the server cannot be reached. Use the Simulate button to try again.';
      });
  }

  document.addEventListener('change', function (event) {
    var form = event.target.closest && event.target.closest('form[data-simulator]');
    if (!form) return;
    changes++;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { rescore(form); }, 250);
  });
})();

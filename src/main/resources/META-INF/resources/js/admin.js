/* Back office: ask before destructive actions, copy snippets, show progress on long submits. Pages work without it. */
(function () {
  'use strict';
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (event) {
      if (!window.confirm(form.getAttribute('data-confirm'))) event.preventDefault();
    });
  });
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      var source = document.getElementById(button.getAttribute('data-copy'));
      if (!source || !navigator.clipboard) return;
      navigator.clipboard.writeText(source.textContent).then(function () {
        var status = document.getElementById(button.getAttribute('data-copy') + '-status');
        if (status) status.textContent = 'Copied.';
      });
    });
  });
  // One-click copy of an id: the button shows once scripts run and says so where screen readers hear it.
  document.querySelectorAll('[data-copy-text]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      if (!navigator.clipboard) return;
      navigator.clipboard.writeText(button.getAttribute('data-copy-text')).then(function () {
        var status = document.getElementById('lg-copied');
        if (status) status.textContent = 'Copied ' + button.getAttribute('data-copy-text') + '.';
        button.classList.add('lg-copied');
        window.setTimeout(function () { button.classList.remove('lg-copied'); }, 1500);
      });
    });
  });
  document.querySelectorAll('form[data-busy]').forEach(function (form) {
    form.addEventListener('submit', function () {
      var button = form.querySelector('button[type="submit"]');
      if (button) { button.disabled = true; button.textContent = form.getAttribute('data-busy'); }
    });
  });
})();

/* Form studio: checks the YAML while the marketer types (debounced, nothing saved) and jumps to a problem's line. */
(function () {
  'use strict';
  var form = document.querySelector('form[data-check]');
  var editor = document.getElementById('yaml');
  var findings = document.getElementById('findings');
  if (!form || !editor || !findings || editor.readOnly) return;

  function goTo(line, column) {
    if (editor.lgGoTo) return editor.lgGoTo(line, column);
    var lines = editor.value.split('\n');
    var start = 0;
    for (var i = 0; i < Math.min(line - 1, lines.length); i++) start += lines[i].length + 1;
    var end = start + (lines[line - 1] || '').length;
    editor.focus();
    editor.setSelectionRange(Math.min(start + Math.max(column - 1, 0), end), end);
  }

  function show(problems) {
    findings.textContent = '';
    var summary = document.createElement('p');
    summary.id = 'findings-summary';
    summary.textContent = problems.length === 0
      ? 'No problems: this draft can be published.'
      : problems.length + ' problem(s): this draft cannot be published yet.';
    findings.appendChild(summary);
    editor.dispatchEvent(new CustomEvent('lg-problems', { detail: problems }));
    if (problems.length === 0) return;
    var list = document.createElement('ol');
    problems.forEach(function (problem) {
      var item = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'lg-text-button';
      button.dataset.line = problem.line;
      button.dataset.column = problem.column;
      button.textContent = 'Line ' + problem.line + ', column ' + problem.column;
      item.appendChild(button);
      item.appendChild(document.createTextNode(': ' + problem.message + (problem.fix ? '. Fix: ' + problem.fix : '')));
      list.appendChild(item);
    });
    findings.appendChild(list);
  }

  findings.addEventListener('click', function (event) {
    var target = event.target.closest('button[data-line]');
    if (target) goTo(Number(target.dataset.line), Number(target.dataset.column));
  });

  var saveStatus = document.getElementById('save-status');
  var revision = form.querySelector('input[name="revision"]');
  var saveTimer = null;
  var conflict = false;

  function autosave() {
    if (!form.dataset.autosave || conflict) return;
    var body = new URLSearchParams();
    body.set('_csrf', form.querySelector('input[name="_csrf"]').value);
    body.set('yaml', editor.value);
    body.set('revision', revision.value);
    saveStatus.textContent = 'Saving the draft…';
    fetch(form.dataset.autosave, { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (answer) { return { ok: response.ok, status: response.status, answer: answer }; });
      })
      .then(function (result) {
        if (result.ok) {
          revision.value = result.answer.revision;
          saveStatus.textContent = 'Draft saved at ' + new Date().toLocaleTimeString() + '.';
        } else if (result.status === 409) {
          conflict = true;
          saveStatus.textContent = result.answer.detail + ' Your text stays here: copy it before you reload.';
        } else {
          saveStatus.textContent = 'Not saved: ' + (result.answer.detail || 'try again.');
        }
      })
      .catch(function () { saveStatus.textContent = 'Not saved: the server cannot be reached; your text stays here.'; });
  }

  var timer = null;
  var sent = 0;
  editor.addEventListener('input', function () {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(autosave, 2000);
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var mine = ++sent;
      var body = new URLSearchParams();
      body.set('_csrf', form.querySelector('input[name="_csrf"]').value);
      body.set('yaml', editor.value);
      fetch(form.dataset.check, { method: 'POST', body: body, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (problems) { if (problems && mine === sent) show(problems); })
        .catch(function () { /* The server check is a help; saving still checks. */ });
    }, 500);
  });
})();

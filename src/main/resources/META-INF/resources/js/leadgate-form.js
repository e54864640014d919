/* Leadgate form script: steps without reloads, show-if in the browser, per-step checks, resume, progress events.
   The page works without it; the server repeats every check and has the last word. */
(function () {
  'use strict';
  var body = document.body;
  var embedOrigin = body.getAttribute('data-embed-origin');
  var formId = body.getAttribute('data-form');
  var storageKey = 'leadgate:' + formId + ':' + body.getAttribute('data-version');
  var uncounted = body.hasAttribute('data-uncounted');

  function tell(type, data) {
    if (!embedOrigin || window.parent === window) return;
    var message = { source: 'leadgate', form: formId, type: type };
    for (var key in data || {}) message[key] = data[key];
    window.parent.postMessage(message, embedOrigin);
  }

  var lastHeight = 0;
  function reportSize() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height !== lastHeight) { lastHeight = height; tell('resize', { height: height }); }
  }
  if (window.ResizeObserver) new ResizeObserver(reportSize).observe(document.body);
  // The embedding page keeps the experiment's variant in its own storage: no third-party cookie is needed.
  if (body.getAttribute('data-assignment')) tell('assigned', { assignment: body.getAttribute('data-assignment') });
  window.addEventListener('load', reportSize);

  function store(action, value) {
    if (uncounted) return null;
    try {
      if (action === 'get') return JSON.parse(window.localStorage.getItem(storageKey) || 'null');
      if (action === 'set') window.localStorage.setItem(storageKey, JSON.stringify(value));
      if (action === 'clear') window.localStorage.removeItem(storageKey);
    } catch (e) { /* storage may be blocked in a third-party frame; resuming is a bonus */ }
    return null;
  }

  var form = document.querySelector('form.lg-form');
  if (!form) {
    var outcome = body.getAttribute('data-outcome');
    if (outcome) {
      try {
        Object.keys(window.localStorage).forEach(function (key) {
          if (key.indexOf('leadgate:' + formId + ':') === 0) window.localStorage.removeItem(key);
        });
      } catch (e) { /* storage blocked: nothing was kept either */ }
      tell('ready', {});
      tell('completed', { outcome: outcome });
      var title = document.getElementById('lg-outcome-title');
      if (title) title.focus();
    }
    reportSize();
    return;
  }

  var steps = Array.prototype.slice.call(form.querySelectorAll('fieldset.lg-step'));
  var stepInput = form.querySelector('input[name="_step"]');
  var token = form.querySelector('input[name="_token"]').value;
  var nextButton = form.querySelector('[data-role="next"]');
  var current = Math.max(0, steps.findIndex(function (s) { return !s.hidden; }));
  var started = false;
  var answered = {};

  function beacon(type, detail) {
    if (uncounted) return;
    try {
      fetch('/f/' + encodeURIComponent(formId) + '/events', {
        method: 'POST', keepalive: true, headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: token, type: type, detail: detail == null ? null : String(detail) })
      }).catch(function () { /* analytics never bother the prospect */ });
    } catch (e) { /* old browser */ }
  }

  function answers() {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name.charAt(0) === '_' || el.disabled) return;
      if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) return;
      if (el.tagName === 'BUTTON') return;
      var value = (el.value || '').trim();
      if (!value) return;
      (values[el.name] = values[el.name] || []).push(value);
    });
    return values;
  }

  function holds(condition, known) {
    if (!condition) return true;
    if (condition.all) return condition.all.every(function (c) { return holds(c, known); });
    if (condition.any) return condition.any.some(function (c) { return holds(c, known); });
    if (condition.not) return !holds(condition.not, known);
    var values = known[condition.question] || [];
    if (condition.answered !== undefined) return (values.length > 0) === condition.answered;
    if (condition.equals !== undefined) return values.indexOf(condition.equals) >= 0;
    if (condition['in']) return values.some(function (v) { return condition['in'].indexOf(v) >= 0; });
    if (condition.notIn) return values.every(function (v) { return condition.notIn.indexOf(v) < 0; });
    var number = values.length ? parseFloat(values[0].replace(',', '.')) : NaN;
    if (isNaN(number)) return false;
    return (condition.min == null || number >= condition.min) && (condition.max == null || number < condition.max);
  }

  function condition(el) {
    var json = el.getAttribute('data-show-if');
    return json ? JSON.parse(json) : null;
  }

  function applyConditions() {
    var known = answers();
    var asked = [];
    form.querySelectorAll('.lg-question[data-show-if]').forEach(function (q) {
      q.hidden = !holds(condition(q), known);
      if (!q.hidden) asked.push(q.getAttribute('data-question'));
    });
    var askedInput = form.querySelector('input[name="_asked"]');
    if (askedInput) askedInput.value = asked.join(',');
    return known;
  }

  function shownSteps() {
    var known = answers();
    return steps.filter(function (s) { return holds(condition(s), known); });
  }

  function updateNavigation() {
    var shown = shownSteps();
    var position = shown.indexOf(steps[current]) + 1;
    var label = document.getElementById('lg-progress-label');
    var bar = document.getElementById('lg-progress');
    if (label && bar) {
      label.textContent = form.getAttribute('data-text-step').replace('%s', position).replace('%s', shown.length);
      bar.max = shown.length;
      bar.value = position;
      bar.textContent = position + '/' + shown.length;
    }
    var last = position === shown.length;
    nextButton.textContent = form.getAttribute(last ? 'data-text-send' : 'data-text-next');
    var back = form.querySelector('[data-role="back"]');
    if (!back && position > 1) {
      back = document.createElement('button');
      back.type = 'submit'; back.name = '_nav'; back.value = 'back';
      back.className = 'lg-button lg-button-secondary'; back.setAttribute('data-role', 'back');
      back.textContent = form.getAttribute('data-text-back');
      nextButton.parentNode.appendChild(back);
    }
    if (back) back.hidden = position <= 1;
    stepInput.value = current;
  }

  function showError(question, message) {
    var error = document.getElementById(question.getAttribute('data-question') + '-error');
    if (error) { error.textContent = message; error.hidden = !message; }
    question.querySelectorAll('input, select, textarea').forEach(function (input) {
      if (input.type === 'radio' || input.type === 'checkbox') return;
      if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    });
  }

  function validate(step) {
    var known = answers();
    var firstInvalid = null;
    step.querySelectorAll('.lg-question').forEach(function (question) {
      if (question.hidden) { showError(question, ''); return; }
      var name = question.getAttribute('data-question');
      var message = '';
      var inputs = question.querySelectorAll('input, select, textarea');
      if (question.getAttribute('data-required') === 'true' && !(known[name] || []).length) {
        message = form.getAttribute(question.getAttribute('data-type') === 'consent' ? 'data-text-consent' : 'data-text-required');
      } else {
        inputs.forEach(function (input) { if (!message && !input.checkValidity()) message = input.validationMessage; });
      }
      showError(question, message);
      if (message && !firstInvalid) firstInvalid = question.querySelector('input, select, textarea');
    });
    if (firstInvalid) firstInvalid.focus();
    return !firstInvalid;
  }

  function go(index) {
    steps[current].hidden = true;
    current = index;
    steps[current].hidden = false;
    updateNavigation();
    var legend = steps[current].querySelector('legend');
    legend.setAttribute('tabindex', '-1');
    legend.focus();
    store('set', { answers: answers(), step: current });
    tell('step', { step: steps.filter(function (s, i) { return i <= current && shownSteps().indexOf(s) >= 0; }).length, of: shownSteps().length });
    reportSize();
  }

  form.addEventListener('click', function (event) {
    var button = event.target.closest('button[name="_nav"]');
    if (!button) return;
    var shown = shownSteps();
    var position = shown.indexOf(steps[current]);
    if (button.value === 'back') {
      event.preventDefault();
      if (position > 0) go(steps.indexOf(shown[position - 1]));
      return;
    }
    if (!validate(steps[current])) { event.preventDefault(); return; }
    if (!started) { started = true; beacon('start'); }
    if (position < shown.length - 1) {
      event.preventDefault();
      beacon('step', current);
      go(steps.indexOf(shown[position + 1]));
    } else {
      // Last step: the browser posts the whole form; show that it is on its way and prevent a second send.
      beacon('step', current);
      setTimeout(function () {
        nextButton.disabled = true;
        nextButton.textContent = form.getAttribute('data-text-sending');
        nextButton.setAttribute('aria-busy', 'true');
      }, 0);
    }
  });

  function onChange(event) {
    if (!started) { started = true; beacon('start'); }
    var question = event.target.closest('.lg-question');
    if (question) {
      var name = question.getAttribute('data-question');
      if (!answered[name]) { answered[name] = true; beacon('answer', name); }
      if (question.querySelector('[aria-invalid], .lg-error:not([hidden])')) showError(question, '');
    }
    applyConditions();
    updateNavigation();
    store('set', { answers: answers(), step: current });
    reportSize();
  }
  form.addEventListener('change', onChange);
  // Clear a question's error while the person types, not on blur: a layout that shifts under a click loses the click.
  form.addEventListener('input', function (event) {
    var question = event.target.closest('.lg-question');
    if (question && event.target.value && question.querySelector('.lg-error:not([hidden])')) showError(question, '');
    store('set', { answers: answers(), step: current });
  });

  function restore() {
    var saved = store('get');
    var fresh = !form.querySelector('.lg-error-summary') && current === 0;
    if (!saved || !fresh) return;
    Object.keys(saved.answers || {}).forEach(function (name) {
      var values = saved.answers[name];
      form.querySelectorAll('[name="' + CSS.escape(name) + '"]').forEach(function (el) {
        if (el.type === 'hidden') return;
        if (el.type === 'radio' || el.type === 'checkbox') el.checked = values.indexOf(el.value) >= 0;
        else if (!el.value) el.value = values[0];
      });
    });
    applyConditions();
    var step = Math.min(saved.step || 0, steps.length - 1);
    if (step > 0 && shownSteps().indexOf(steps[step]) >= 0) {
      steps[current].hidden = true;
      current = step;
      steps[current].hidden = false;
    }
  }

  restore();
  applyConditions();
  updateNavigation();
  var summary = document.getElementById('lg-error-summary');
  if (summary) summary.focus();
  tell('ready', {});
  tell('step', { step: shownSteps().indexOf(steps[current]) + 1, of: shownSteps().length });
  reportSize();
})();

/* Leadgate embed: <script src="https://HOST/embed.js" data-leadgate-form="FORM-ID" async></script>
   Inserts the form in an iframe that follows its content's height, forwards this page's UTM parameters and
   referrer, and re-announces the form's events on this page as DOM events (leadgate:ready, leadgate:step,
   leadgate:completed, leadgate:resize). During an A/B test it keeps the visitor's variant in this page's storage. data-leadgate-mode="popup" shows a button that opens the form in a dialog. */
(function () {
  'use strict';
  var scripts = document.querySelectorAll('script[data-leadgate-form]:not([data-leadgate-ready])');
  Array.prototype.forEach.call(scripts, function (script) {
    script.setAttribute('data-leadgate-ready', 'true');
    var formId = script.getAttribute('data-leadgate-form');
    var base = new URL(script.src, document.baseURI).origin;
    var mode = script.getAttribute('data-leadgate-mode') || 'inline';
    var frame = null;

    function source() {
      var url = new URL(base + '/f/' + encodeURIComponent(formId));
      var here = new URLSearchParams(window.location.search);
      ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'gclid'].forEach(function (name) {
        if (here.get(name)) url.searchParams.set(name, here.get(name));
      });
      url.searchParams.set('referrer', document.referrer || window.location.href);
      url.searchParams.set('origin', window.location.origin);
      if (script.getAttribute('data-leadgate-lang')) url.searchParams.set('lang', script.getAttribute('data-leadgate-lang'));
      var variant = kept();
      if (variant) url.searchParams.set('lg_variant', variant);
      return url.toString();
    }

    // An A/B test's variant stays the same for this visitor: the form names it, this page keeps it (first-party).
    var variantKey = 'leadgate:variant:' + formId;
    function kept() {
      try {
        var stored = JSON.parse(window.localStorage.getItem(variantKey) || 'null');
        if (stored && stored.until > Date.now()) return stored.value;
        window.localStorage.removeItem(variantKey);
      } catch (e) { /* storage blocked or an old value: a new draw */ }
      return null;
    }

    function createFrame() {
      var iframe = document.createElement('iframe');
      iframe.src = source();
      iframe.title = script.getAttribute('data-leadgate-title') || 'Questionnaire';
      iframe.setAttribute('scrolling', 'no');
      iframe.style.cssText = 'display:block;width:100%;border:0;height:480px;overflow:hidden;transition:height .15s ease';
      return iframe;
    }

    window.addEventListener('message', function (event) {
      var data = event.data;
      if (event.origin !== base || !data || data.source !== 'leadgate' || data.form !== formId) return;
      if (!frame || event.source !== frame.contentWindow) return;
      if (data.type === 'resize' && data.height > 0) frame.style.height = data.height + 'px';
      if (data.type === 'assigned' && typeof data.assignment === 'string' && data.assignment.length < 300) {
        try {
          window.localStorage.setItem(variantKey, JSON.stringify({ value: data.assignment, until: Date.now() + 90 * 864e5 }));
        } catch (e) { /* storage blocked: a new draw */ }
        return;
      }
      script.dispatchEvent(new CustomEvent('leadgate:' + data.type, { detail: data, bubbles: true }));
    });

    if (mode === 'popup') {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'leadgate-open';
      button.textContent = script.getAttribute('data-leadgate-button') || 'Get started';
      var dialog = document.createElement('dialog');
      dialog.className = 'leadgate-dialog';
      dialog.setAttribute('aria-label', script.getAttribute('data-leadgate-title') || 'Questionnaire');
      dialog.style.cssText = 'width:min(40rem,100vw - 2rem);max-height:calc(100vh - 2rem);padding:0;border:0;border-radius:.5rem;overflow:auto';
      var close = document.createElement('button');
      close.type = 'button';
      close.textContent = '×';
      close.setAttribute('aria-label', 'Close');
      close.style.cssText = 'position:sticky;top:0;float:right;font-size:1.5rem;min-width:2.75rem;min-height:2.75rem;border:0;background:#fff;cursor:pointer';
      close.addEventListener('click', function () { dialog.close(); });
      dialog.appendChild(close);
      button.addEventListener('click', function () {
        if (!frame) { frame = createFrame(); dialog.appendChild(frame); }
        dialog.showModal();
      });
      script.parentNode.insertBefore(button, script.nextSibling);
      document.body.appendChild(dialog);
    } else {
      frame = createFrame();
      var target = script.getAttribute('data-leadgate-target') && document.querySelector(script.getAttribute('data-leadgate-target'));
      if (target) target.appendChild(frame); else script.parentNode.insertBefore(frame, script.nextSibling);
    }
  });
})();

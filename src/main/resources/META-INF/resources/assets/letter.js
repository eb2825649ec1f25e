// The letter's page: the signing form, the live count, more signatories, and the embed's messages.
// Plain script, no build step; it talks to the public API like any other client.
(function () {
  'use strict';
  var body = document.body;
  var words = JSON.parse(document.getElementById('words').textContent);
  var letter = body.dataset.letter;
  var letterLanguage = body.dataset.letterLanguage;
  var embedded = body.classList.contains('embedded') && window.parent !== window;
  var params = new URLSearchParams(window.location.search);
  var via = params.get('via');
  if (via && !/^[A-Za-z0-9][A-Za-z0-9-]{1,38}[A-Za-z0-9]$/.test(via)) via = null; // as SignatureRules.VIA_PATTERN
  // the partner that brought the reader still gets the credit after a change of language
  if (via) {
    document.querySelectorAll('.languages a, .foot a').forEach(function (a) {
      var url = new URL(a.getAttribute('href'), window.location.href);
      url.searchParams.set('via', via);
      a.href = url.toString();
    });
  }

  function tell(type, extra) {
    if (!embedded) return;
    var message = { source: 'undersigned', type: type, letter: body.dataset.slug };
    for (var k in extra) message[k] = extra[k];
    window.parent.postMessage(message, '*'); // nothing personal travels: the host learns a count and a height
  }

  // --- the embed: the host page sizes its frame to the page
  if (embedded) {
    var lastHeight = 0;
    var report = function () {
      var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== lastHeight) { lastHeight = height; tell('resize', { height: height }); }
    };
    if (window.ResizeObserver) new ResizeObserver(report).observe(document.documentElement);
    window.addEventListener('load', report);
    report();
  }

  // --- the live count
  var total = document.getElementById('total');
  var sentence = document.getElementById('sentence');
  var nextGoal = document.getElementById('next-goal');
  var progress = document.getElementById('progress');
  if (window.EventSource && total) {
    var stream = new EventSource('/v1/letters/' + encodeURIComponent(letter) + '/summary/stream?lang=' + encodeURIComponent(letterLanguage));
    stream.addEventListener('summary', function (event) {
      var summary;
      try { summary = JSON.parse(event.data); } catch (e) { return; }
      total.textContent = String(summary.total);
      if (sentence && summary.sentence) sentence.textContent = summary.sentence;
      if (nextGoal && summary.next_goal) {
        nextGoal.textContent = String(summary.next_goal);
        if (progress) progress.value = Math.min(100, Math.floor(summary.total * 100 / summary.next_goal));
      }
      tell('count', { total: summary.total });
    });
  }

  // --- more signatories
  var more = document.getElementById('more');
  if (more) {
    var cursor = more.dataset.cursor;
    more.addEventListener('click', function () {
      if (!cursor) return;
      more.disabled = true;
      fetch('/v1/letters/' + encodeURIComponent(letter) + '/signatories?limit=50&cursor=' + encodeURIComponent(cursor),
        { headers: { Accept: 'application/json' } })
        .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
        .then(function (page) {
          var first = null;
          page.items.forEach(function (s) {
            var list = document.getElementById(s.kind === 'ORGANIZATION' ? 'organizations' : 'individuals');
            document.getElementById(s.kind === 'ORGANIZATION' ? 'organizations-heading' : 'individuals-heading').hidden = false;
            var item = document.createElement('li');
            var name = document.createElement('strong');
            name.textContent = s.name;
            item.appendChild(name);
            var lines = (s.title ? s.title.split(/\r?\n/) : []).concat(s.organization ? [s.organization] : []);
            lines.forEach(function (line) {
              if (!line.trim()) return;
              item.appendChild(document.createElement('br'));
              item.appendChild(document.createTextNode(line.trim()));
            });
            item.tabIndex = -1;
            list.appendChild(item);
            if (!first) first = item;
          });
          cursor = page.next_cursor;
          more.disabled = false;
          if (!cursor) more.hidden = true;
          if (first) first.focus();
        })
        .catch(function () { more.disabled = false; });
    });
  }

  // --- the signing form
  var form = document.getElementById('sign-form');
  if (!form) return;
  var errors = document.getElementById('errors');
  var errorList = document.getElementById('error-list');
  var sending = document.getElementById('sending');
  var submit = document.getElementById('submit');
  var nameLabel = document.getElementById('f-name-label');
  var challenge = document.getElementById('f-challenge_solution');
  var solution = null;
  if (via) form.querySelector('.share-only').hidden = false;

  function kind() { return form.querySelector('input[name=kind]:checked').value; }
  function showKind() {
    var organization = kind() === 'ORGANIZATION';
    nameLabel.textContent = organization ? nameLabel.dataset.organization : nameLabel.dataset.individual;
    document.getElementById('f-name').autocomplete = organization ? 'organization' : 'name';
    form.querySelectorAll('.organization-only').forEach(function (e) { e.hidden = !organization; });
    form.querySelectorAll('.individual-only').forEach(function (e) { e.hidden = organization; });
  }
  form.querySelectorAll('input[name=kind]').forEach(function (r) { r.addEventListener('change', showKind); });
  showKind();

  if (challenge) {
    challenge.addEventListener('statechange', function (event) {
      solution = event.detail && event.detail.state === 'verified' ? event.detail.payload : null;
    });
  }

  function value(id) { var e = document.getElementById(id); return e && !e.closest('[hidden]') ? e.value.trim() : ''; }

  function clearErrors() {
    errors.hidden = true;
    errorList.textContent = '';
    form.querySelectorAll('.error').forEach(function (e) { e.hidden = true; e.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
  }

  function fieldError(field, message) {
    var input = document.getElementById('f-' + field);
    var holder = document.getElementById('f-' + field + '-error');
    if (!input || !holder || input.closest('[hidden]')) return false;
    input.setAttribute('aria-invalid', 'true');
    holder.textContent = message;
    holder.hidden = false;
    var item = document.createElement('li');
    var link = document.createElement('a');
    link.href = '#f-' + field;
    var label = form.querySelector('label[for="f-' + field + '"]') || document.getElementById('challenge-label');
    link.textContent = (label ? label.textContent + ': ' : '') + message;
    link.addEventListener('click', function (e) { e.preventDefault(); input.focus(); });
    item.appendChild(link);
    errorList.appendChild(item);
    return true;
  }

  function generalError(message) {
    var item = document.createElement('li');
    item.textContent = message;
    errorList.appendChild(item);
  }

  function showErrors() {
    errors.hidden = false;
    errors.focus();
  }

  function checkLocally() {
    var wrong = [];
    var email = value('f-email');
    if (!value('f-name')) wrong.push(['name', words.error_required]);
    if (body.dataset.emailRequired === 'true' && !email) wrong.push(['email', words.error_required]);
    else if (email && !document.getElementById('f-email').checkValidity()) wrong.push(['email', words.error_invalid]);
    if (challenge && !solution) wrong.push(['challenge_solution', words.error_challenge]);
    wrong.forEach(function (w) { fieldError(w[0], w[1]); });
    return wrong.length === 0;
  }

  function request() {
    var organization = kind() === 'ORGANIZATION';
    var display = form.querySelector('input[name=display]:checked').value;
    var sign = { kind: kind(), name: value('f-name'), display: display, language: letterLanguage,
      consents: { updates: document.getElementById('f-updates').checked } };
    var title = value('f-title'); if (title) sign.title = title;
    var country = value('f-country'); if (country) sign.country = country;
    var email = value('f-email'); if (email) sign.email = email;
    if (!organization) { var org = value('f-organization'); if (org) sign.organization = org; }
    if (organization) { var represents = value('f-represents'); if (represents) sign.represents = Number(represents); }
    if (via) { sign.via = via; sign.consents.share_with_partner = document.getElementById('f-share').checked; }
    if (solution) sign.challenge_solution = solution;
    return sign;
  }

  // the answer is the same for every signer (it must not tell whether an address had signed):
  // whether the signature counts now follows from the letter's policy
  function done() {
    var verified = body.dataset.emailRequired !== 'true';
    form.hidden = true;
    var box = document.getElementById('done');
    document.getElementById('done-title').textContent = verified ? words.signed_title : words.check_email_title;
    document.getElementById('done-text').textContent = verified ? words.signed : words.check_email;
    box.hidden = false;
    document.getElementById('done-title').focus();
    tell('signed', { status: verified ? 'counted' : 'awaiting-confirmation' });
  }

  function failed(response, problem) {
    var shown = false;
    if (response.status === 400 && problem && Array.isArray(problem.violations)) {
      problem.violations.forEach(function (v) {
        var field = String(v.field || '').replace(/^.*\./, '');
        shown = fieldError(field, field === 'challenge_solution' ? words.error_challenge : words.error_invalid) || shown;
      });
    }
    if (!shown) {
      var type = problem && problem.type ? String(problem.type) : '';
      generalError(response.status === 429 ? words.error_rate
        : /duplicate/.test(type) ? words.error_duplicate
        : response.status === 409 ? words.closed : words.error_generic);
    }
    if (challenge && typeof challenge.reset === 'function') { challenge.reset(); solution = null; }
    showErrors();
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearErrors();
    if (!checkLocally()) { showErrors(); return; }
    submit.disabled = true;
    sending.textContent = words.sending;
    fetch('/v1/letters/' + encodeURIComponent(letter) + '/signatures', {
      method: 'POST', credentials: 'omit',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(request())
    }).then(function (response) {
      return response.json().catch(function () { return null; }).then(function (json) {
        submit.disabled = false;
        sending.textContent = '';
        if (response.ok) done();
        else failed(response, json);
      });
    }).catch(function () {
      submit.disabled = false;
      sending.textContent = '';
      generalError(words.error_generic);
      showErrors();
    });
  });
})();

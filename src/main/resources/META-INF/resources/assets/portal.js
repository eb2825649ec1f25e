// The signer's portal: spends the emailed link for a session (kept in this page's memory only,
// never in a cookie or storage), then lists the signatures and lets the signer hide, correct,
// withdraw, turn news on or off, export and erase.
(function () {
  'use strict';
  var words = JSON.parse(document.getElementById('words').textContent);
  var status = document.getElementById('status');
  var list = document.getElementById('mine');
  var signatures = document.getElementById('signatures');
  var ask = document.getElementById('ask');
  var session = null;

  function say(text) { status.textContent = text; }

  function api(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (session) headers.Authorization = 'Bearer ' + session;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, { method: method, headers: headers, credentials: 'omit',
      body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (response) {
        if (response.status === 401) { over(); throw new Error('session'); }
        return response;
      });
  }

  function over() {
    session = null;
    signatures.hidden = true;
    ask.hidden = false;
    say(words.me_session_over);
  }

  function button(text, className, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = text;
    if (className) b.className = className;
    b.addEventListener('click', onClick);
    return b;
  }

  function paragraph(text) { var p = document.createElement('p'); p.textContent = text; return p; }

  function update(id, change) {
    return api('PATCH', '/v1/me/signatures/' + encodeURIComponent(id), change).then(function (r) {
      if (!r.ok) { say(words.link_failed); return; }
      say(words.me_saved);
      return load(id);
    }).catch(function () {});
  }

  function item(s) {
    var li = document.createElement('li');
    li.id = 'signature-' + s.id;
    var heading = document.createElement('h2');
    var link = document.createElement('a');
    link.href = '/l/' + encodeURIComponent(s.letter_slug || s.letter_id);
    link.textContent = s.letter_title;
    heading.appendChild(link);
    li.appendChild(heading);
    li.appendChild(paragraph(words.me_status + ': ' + (words['status_' + s.status] || s.status)));
    if (s.status === 'WITHDRAWN') return li;
    var open = s.letter_status === 'OPEN';
    if (open && s.name !== null) {
      var field = document.createElement('div');
      field.className = 'field';
      var label = document.createElement('label');
      label.htmlFor = 'name-' + s.id;
      label.textContent = words.me_name;
      var input = document.createElement('input');
      input.type = 'text'; input.id = 'name-' + s.id; input.maxLength = 200; input.value = s.name;
      field.appendChild(label); field.appendChild(input);
      li.appendChild(field);
      li.appendChild(button(words.me_save, 'secondary', function () {
        if (input.value.trim()) update(s.id, { name: input.value.trim() });
      }));
    }
    var shown = s.display === 'PUBLIC';
    li.appendChild(paragraph(shown ? words.me_shown : words.me_hidden));
    var actions = document.createElement('p');
    actions.className = 'actions';
    actions.appendChild(button(shown ? words.me_hide : words.me_show, 'secondary', function () {
      update(s.id, { display: shown ? 'UNDISCLOSED' : 'PUBLIC' });
    }));
    li.appendChild(paragraph(s.updates ? words.me_news_on : words.me_news_off));
    actions.appendChild(button(s.updates ? words.me_news_stop : words.me_news_start, 'secondary', function () {
      update(s.id, { updates: !s.updates });
    }));
    actions.appendChild(button(words.me_withdraw, 'danger', function () {
      if (!window.confirm(words.me_withdraw_confirm)) return;
      api('POST', '/v1/me/signatures/' + encodeURIComponent(s.id) + '/withdraw').then(function (r) {
        say(r.ok ? words.withdraw_done : words.link_failed);
        return load(s.id);
      }).catch(function () {});
    }));
    li.appendChild(actions);
    return li;
  }

  /** Lists the signatures; focus goes back to the one just changed, or to the heading. */
  function load(focusId) {
    return api('GET', '/v1/me/signatures').then(function (r) {
      if (!r.ok) { say(words.link_failed); return; }
      return r.json().then(function (page) {
        list.textContent = '';
        page.items.forEach(function (s) { list.appendChild(item(s)); });
        if (!page.items.length) list.appendChild(paragraph(words.me_empty));
        signatures.hidden = false;
        var target = focusId && document.getElementById('signature-' + focusId);
        var focusable = target && target.querySelector('a');
        (focusable || document.getElementById('heading')).focus();
      });
    }).catch(function () {});
  }

  var openForm = document.getElementById('open-form');
  if (openForm) {
    openForm.addEventListener('submit', function (event) {
      event.preventDefault();
      say(words.working);
      fetch('/v1/me/session', { method: 'POST', credentials: 'omit',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ token: document.getElementById('token').value }) })
        .then(function (r) {
          document.getElementById('open').hidden = true;
          if (r.status === 404) { say(words.link_dead); ask.hidden = false; return; }
          if (!r.ok) { say(r.status === 429 ? words.error_rate : words.link_failed); document.getElementById('open').hidden = false; return; }
          return r.json().then(function (s) { session = s.access_token; say(''); return load(); });
        })
        .catch(function () { say(words.link_failed); });
    });
  }

  document.getElementById('export').addEventListener('click', function () {
    api('GET', '/v1/me/export').then(function (r) {
      if (!r.ok) { say(words.link_failed); return; }
      return r.blob().then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = 'my-signatures.json';
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
      });
    }).catch(function () {});
  });

  document.getElementById('erase').addEventListener('click', function () {
    if (!window.confirm(words.me_erase_confirm)) return;
    api('DELETE', '/v1/me').then(function (r) {
      if (!r.ok) { say(words.link_failed); return; }
      session = null;
      signatures.hidden = true;
      say(words.me_erased);
      document.getElementById('heading').focus();
    }).catch(function () {});
  });

  var askForm = document.getElementById('ask-form');
  askForm.addEventListener('submit', function (event) {
    event.preventDefault();
    var email = document.getElementById('f-email');
    var error = document.getElementById('f-email-error');
    error.hidden = true; email.removeAttribute('aria-invalid');
    if (!email.value.trim() || !email.checkValidity()) {
      error.textContent = email.value.trim() ? words.error_invalid : words.error_required;
      error.hidden = false; email.setAttribute('aria-invalid', 'true'); email.focus();
      return;
    }
    fetch('/v1/me/link', { method: 'POST', credentials: 'omit',
      // the email comes in the page's language
      headers: { 'Content-Type': 'application/json', Accept: 'application/json',
        'Accept-Language': document.documentElement.lang || 'en' },
      body: JSON.stringify({ email: email.value.trim() }) })
      .then(function (r) { say(r.ok ? words.me_ask_sent : r.status === 429 ? words.error_rate : words.link_failed); })
      .catch(function () { say(words.link_failed); });
  });
})();

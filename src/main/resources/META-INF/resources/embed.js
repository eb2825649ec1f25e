// Undersigned's embed: <script src="https://…/embed.js" data-letter="slug" data-via="code" data-lang="fr" async></script>
// puts the letter's page (its compact form) in a frame where the script stands, sizes the frame to
// it, and tells the host page when someone signed: a "undersigned:signed" event on the script's
// parent element, whose detail says whether the signature counts yet. Nothing personal crosses.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.dataset.letter) return;
  var origin = new URL(script.src, document.baseURI).origin;
  var query = new URLSearchParams({ embed: '1' });
  if (script.dataset.via) query.set('via', script.dataset.via);
  if (script.dataset.lang) query.set('lang', script.dataset.lang);
  var frame = document.createElement('iframe');
  frame.src = origin + '/l/' + encodeURIComponent(script.dataset.letter) + '?' + query.toString();
  frame.title = script.dataset.title || 'Open letter';
  frame.loading = 'lazy';
  frame.referrerPolicy = 'no-referrer';
  frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-forms allow-popups allow-popups-to-escape-sandbox');
  frame.style.cssText = 'display:block;width:100%;max-width:44rem;border:0;min-height:420px;';
  script.insertAdjacentElement('afterend', frame);
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || data.source !== 'undersigned') return;
    if (data.type === 'resize' && typeof data.height === 'number' && data.height > 0 && data.height < 20000) {
      frame.style.height = Math.ceil(data.height) + 'px';
      frame.style.minHeight = '0';
    } else if (data.type === 'signed') {
      var detail = { letter: data.letter, status: data.status };
      frame.dispatchEvent(new CustomEvent('undersigned:signed', { detail: detail, bubbles: true }));
    } else if (data.type === 'count' && typeof data.total === 'number') {
      frame.dispatchEvent(new CustomEvent('undersigned:count', { detail: { letter: data.letter, total: data.total }, bubbles: true }));
    }
  });
})();

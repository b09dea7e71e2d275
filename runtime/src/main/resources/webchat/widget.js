/*
 * Continuum web chat widget. Embed with one tag on any page:
 *   <script src="https://support.example.com/widget.js" async></script>
 * Plain JavaScript, no framework. Talks to /ws/chat on the server the script came from.
 * The visitor's anonymous id, name and e-mail stay in localStorage, so a returning visitor sees
 * the history of what they wrote from this browser; messages not yet acknowledged are sent again
 * (same id) after a reconnect. An e-mail typed here is only a claim. A site whose visitors are
 * signed in can vouch for them before the script tag (see the README, "Web chat identity"):
 *   <script>window.ContinuumChatSettings = { email: "...", name: "...", userHash: "<HMAC from your server>" };</script>
 * or, with a JWT your server signed: window.ContinuumChatSettings = { userJwt: "<HS256 JWT from your server>" };
 * A satisfaction survey arrives as a message with a "survey"; it shows 1 to 5 buttons and a comment field,
 * and a tap sends the score (with the comment) back as a "rating" frame.
 */
(function () {
  'use strict';
  if (window.ContinuumChat) { return; }

  var script = document.currentScript || (function () {
    var all = document.getElementsByTagName('script');
    for (var i = all.length - 1; i >= 0; i--) { if (/widget\.js(\?|$)/.test(all[i].src)) { return all[i]; } }
    return null;
  })();
  var base = script ? new URL(script.src, location.href) : new URL(location.href);
  var socketUrl = (base.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + base.host + '/ws/chat';
  var store = window.localStorage;
  var KEY = 'continuum.chat.';

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID().replace(/-/g, ''); }
    return (Date.now().toString(36) + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2)).slice(0, 32);
  }
  function remembered(name) { try { return store.getItem(KEY + name); } catch (e) { return null; } }
  function remember(name, value) { try { store.setItem(KEY + name, value); } catch (e) { /* private mode: forget */ } }

  var settings = window.ContinuumChatSettings || {};
  var visitorId = remembered('visitorId');
  if (!visitorId) { visitorId = newId(); remember('visitorId', visitorId); }

  var css = '' +
    '#continuum-chat{position:fixed;right:16px;bottom:16px;z-index:2147483000;font:14px/1.4 system-ui,sans-serif;color:#1c1c1c}' +
    '#continuum-chat .cc-launcher{border:0;border-radius:24px;padding:10px 16px;background:#2456d6;color:#fff;cursor:pointer}' +
    '#continuum-chat .cc-panel{display:none;flex-direction:column;width:320px;height:440px;background:#fff;border:1px solid #ccd;border-radius:8px;box-shadow:0 4px 18px rgba(0,0,0,.18)}' +
    '#continuum-chat.cc-open .cc-panel{display:flex}#continuum-chat.cc-open .cc-launcher{display:none}' +
    '#continuum-chat .cc-head{padding:8px 12px;background:#2456d6;color:#fff;border-radius:8px 8px 0 0;display:flex;justify-content:space-between}' +
    '#continuum-chat .cc-head button{background:none;border:0;color:#fff;cursor:pointer}' +
    '#continuum-chat .cc-notice{padding:6px 12px;background:#fff6d6;font-size:12px}' +
    '#continuum-chat .cc-notice:empty{display:none}' +
    '#continuum-chat .cc-who{display:flex;gap:4px;padding:6px 12px}#continuum-chat .cc-who input{flex:1;min-width:0}' +
    '#continuum-chat .cc-messages{flex:1;overflow-y:auto;padding:8px 12px}' +
    '#continuum-chat .cc-msg{margin:4px 0;padding:6px 10px;border-radius:10px;max-width:80%;white-space:pre-wrap;word-wrap:break-word}' +
    '#continuum-chat .cc-in{background:#e8eefc;margin-left:auto}#continuum-chat .cc-out{background:#f1f1f1}' +
    '#continuum-chat .cc-pending{opacity:.6}' +
    '#continuum-chat .cc-typing{padding:0 12px;font-size:12px;color:#666;min-height:16px}' +
    '#continuum-chat .cc-compose{display:flex;gap:4px;padding:8px 12px;border-top:1px solid #eee}' +
    '#continuum-chat .cc-input{flex:1;resize:none;height:38px}' +
    '#continuum-chat .cc-survey{margin:4px 0 8px;display:flex;flex-direction:column;gap:4px}' +
    '#continuum-chat .cc-scores{display:flex;gap:4px}#continuum-chat .cc-scores button{flex:1;cursor:pointer}' +
    '#continuum-chat .cc-survey textarea{resize:none;height:34px}';

  var root = document.createElement('div');
  root.id = 'continuum-chat';
  root.setAttribute('data-state', 'connecting');
  root.innerHTML = '<button type="button" class="cc-launcher">Chat with us</button>' +
    '<div class="cc-panel" role="dialog" aria-label="Chat">' +
    '<div class="cc-head"><span>Support</span><button type="button" class="cc-close" aria-label="Close">&times;</button></div>' +
    '<div class="cc-notice" aria-live="polite"></div>' +
    '<div class="cc-who"><input class="cc-name" placeholder="Name (optional)" autocomplete="name">' +
    '<input class="cc-email" type="email" placeholder="E-mail (optional)" autocomplete="email"></div>' +
    '<div class="cc-messages" aria-live="polite"></div>' +
    '<div class="cc-typing"></div>' +
    '<div class="cc-compose"><textarea class="cc-input" placeholder="Type a message"></textarea>' +
    '<button type="button" class="cc-send">Send</button></div></div>';

  function $(selector) { return root.querySelector(selector); }
  var list, input, nameInput, emailInput, notice, typingLine;
  var socket = null, retryDelay = 1000, typingTimer = null, lastTypingSent = 0;
  var shown = {};           // messageId -> element, so history and live frames never show a message twice
  var unacknowledged = {};  // clientMessageId -> frame, sent again after a reconnect

  function show(id, direction, text, pending) {
    if (id && shown[id]) { shown[id].classList.remove('cc-pending'); return shown[id]; }
    var el = document.createElement('div');
    el.className = 'cc-msg ' + (direction === 'inbound' ? 'cc-in' : 'cc-out') + (pending ? ' cc-pending' : '');
    el.textContent = text;
    if (id) { el.setAttribute('data-message-id', id); shown[id] = el; }
    list.appendChild(el);
    list.scrollTop = list.scrollHeight;
    return el;
  }

  var surveyEl = null;      // the survey waiting for this visitor's rating, if any

  function showSurvey(survey) {
    if (surveyEl) { surveyEl.remove(); }
    surveyEl = document.createElement('div');
    surveyEl.className = 'cc-survey';
    surveyEl.setAttribute('role', 'group');
    surveyEl.setAttribute('aria-label', survey.question);
    var comment = document.createElement('textarea');
    comment.className = 'cc-survey-comment';
    comment.placeholder = 'Anything to add? (optional)';
    comment.maxLength = 2000;
    var scores = document.createElement('div');
    scores.className = 'cc-scores';
    [1, 2, 3, 4, 5].forEach(function (score) {
      var button = document.createElement('button');
      button.type = 'button';
      button.textContent = String(score);
      button.setAttribute('data-score', String(score));
      button.setAttribute('aria-label', 'Rate ' + score + ' of 5');
      button.addEventListener('click', function () {
        sendFrame({ type: 'rating', token: survey.token, score: score, comment: comment.value || null });
      });
      scores.appendChild(button);
    });
    surveyEl.appendChild(scores);
    surveyEl.appendChild(comment);
    list.appendChild(surveyEl);
    list.scrollTop = list.scrollHeight;
  }

  var RATED = { recorded: 'Thank you for your rating!', already_answered: 'This survey was already answered. Thank you!',
                expired: 'This survey has closed.', unknown: 'This survey cannot be answered.' };

  function sendFrame(frame) {
    if (socket && socket.readyState === 1) { socket.send(JSON.stringify(frame)); return true; }
    return false;
  }

  function connect() {
    root.setAttribute('data-state', 'connecting');
    socket = new WebSocket(socketUrl);
    socket.onopen = function () {
      retryDelay = 1000;
      sendFrame({ type: 'hello', visitorId: visitorId, name: nameInput.value || null, email: emailInput.value || null,
                  userId: settings.userId || null, userHash: settings.userHash || null,
                  userJwt: settings.userJwt || null });
    };
    socket.onmessage = function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === 'welcome') {
        root.setAttribute('data-state', frame.online ? 'online' : 'offline');
        notice.textContent = frame.notice || '';
        if (frame.conversationId) { root.setAttribute('data-conversation-id', frame.conversationId); }
        (frame.history || []).forEach(function (m) { show(m.messageId, m.direction, m.content, false); });
        Object.keys(unacknowledged).forEach(function (id) { sendFrame(unacknowledged[id]); });
      } else if (frame.type === 'ack') {
        var pendingEl = shown[frame.clientMessageId];
        delete unacknowledged[frame.clientMessageId];
        if (pendingEl) {
          pendingEl.classList.remove('cc-pending');
          pendingEl.setAttribute('data-message-id', frame.messageId);
          shown[frame.messageId] = pendingEl;
        }
        root.setAttribute('data-conversation-id', frame.conversationId);
      } else if (frame.type === 'message') {
        typingLine.textContent = '';
        show(frame.messageId, frame.direction || 'outbound', frame.content, false);
        if (frame.survey) { showSurvey(frame.survey); }
        if (frame.conversationId) { root.setAttribute('data-conversation-id', frame.conversationId); }
      } else if (frame.type === 'rated') {
        if (surveyEl) { surveyEl.textContent = RATED[frame.outcome] || RATED.unknown; surveyEl = null; }
      } else if (frame.type === 'typing') {
        typingLine.textContent = 'Support is typing…';
        clearTimeout(typingTimer);
        typingTimer = setTimeout(function () { typingLine.textContent = ''; }, 6000);
      } else if (frame.type === 'error') {
        notice.textContent = frame.reason;
        if (frame.clientMessageId) { delete unacknowledged[frame.clientMessageId]; }
      }
    };
    socket.onclose = function () {
      root.setAttribute('data-state', 'disconnected');
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    };
  }

  function submit() {
    var text = input.value.trim();
    if (!text) { return; }
    input.value = '';
    remember('name', nameInput.value);
    remember('email', emailInput.value);
    var clientMessageId = newId();
    var frame = { type: 'message', clientMessageId: clientMessageId, content: text,
                  name: nameInput.value || null, email: emailInput.value || null };
    unacknowledged[clientMessageId] = frame;
    show(clientMessageId, 'inbound', text, true);
    sendFrame(frame);
  }

  function start() {
    var style = document.createElement('style');
    style.textContent = css;
    document.head.appendChild(style);
    document.body.appendChild(root);
    list = $('.cc-messages'); input = $('.cc-input'); nameInput = $('.cc-name'); emailInput = $('.cc-email');
    notice = $('.cc-notice'); typingLine = $('.cc-typing');
    nameInput.value = settings.name || remembered('name') || '';
    emailInput.value = settings.email || remembered('email') || '';
    // an open chat stays open while the visitor moves from page to page
    if (remembered('open') === '1') { root.classList.add('cc-open'); }
    $('.cc-launcher').addEventListener('click', function () { root.classList.add('cc-open'); remember('open', '1'); input.focus(); });
    $('.cc-close').addEventListener('click', function () { root.classList.remove('cc-open'); remember('open', ''); });
    $('.cc-send').addEventListener('click', submit);
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); submit(); return; }
      var now = Date.now();
      if (now - lastTypingSent > 2000) { lastTypingSent = now; sendFrame({ type: 'typing' }); }
    });
    setInterval(function () { sendFrame({ type: 'ping' }); }, 25000);
    connect();
  }

  window.ContinuumChat = { visitorId: visitorId, open: function () { root.classList.add('cc-open'); } };
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
})();

// The respondent's block page: every change is saved at once (POST /r/<token>/answer, JSON).
// Without JavaScript the page still works: Next / Back post the whole page.
//
// Poor connections: an answer first goes into a queue kept in localStorage (one entry per item,
// the last value wins, as on the server), then is sent. It leaves the queue only when the server
// said it saved that very value, so nothing is lost offline or on a reload, and "Saved" is never
// shown before the server said so. The page says "Waiting to send (N)" while the queue is not empty.
//
// The phone's offline copy (js/offline.js): a page served from it may carry an expired CSRF token
// or one of a session cookie the phone no longer has; a refused token is renewed once
// (GET /csrf-token) and the answer sent again. The answers the server confirmed are noted on the
// phone, so that the kept copy (as old as its last visit) shows them too.
(function () {
  "use strict";
  var form = document.getElementById("block-form");
  if (!form || !window.fetch || !window.JSON) { return; }

  var url = form.getAttribute("data-save-url");
  var csrf = form.querySelector("input[name=csrf_token]").value;
  var answeredEl = document.querySelector("[data-answered]");
  var bar = document.querySelector(".respond-progress .bar");
  var sendState = document.getElementById("send-state");
  var KEY = "readiness-answers:" + url;
  var SAVED = "readiness-saved:" + url;
  var offline = window.readinessOffline || null;
  var renewed = false;  // the CSRF token was renewed since the last answer the server took
  var store = storage();
  var queue = load();
  var busy = false, timer = null, delay = 0, closed = false;

  function msg(key) { return form.getAttribute("data-msg-" + key) || ""; }

  function storage() {
    try { window.localStorage.setItem("readiness-probe", "1"); window.localStorage.removeItem("readiness-probe"); return window.localStorage; }
    catch (e) { return null; }  // private mode or storage off: the queue lives in the page only
  }

  function load() {
    try { var q = store && JSON.parse(store.getItem(KEY) || "{}"); return q && typeof q === "object" ? q : {}; }
    catch (e) { return {}; }
  }

  function persist() {
    if (!store) { return; }
    try { if (size()) { store.setItem(KEY, JSON.stringify(queue)); } else { store.removeItem(KEY); } }
    catch (e) { /* storage full: the answer stays queued in the page */ }
  }

  function size() { return Object.keys(queue).length; }

  function savedAnswers() {
    try { var s = store && JSON.parse(store.getItem(SAVED) || "{}"); return s && typeof s === "object" ? s : {}; }
    catch (e) { return {}; }
  }

  function noteSaved(body) {
    if (!store || !offline) { return; }
    try { var s = savedAnswers(); s[body.item_id] = body; store.setItem(SAVED, JSON.stringify(s)); }
    catch (e) { /* storage full: the kept copy shows what it shows */ }
  }

  function byName(fieldset, name) {
    var nodes = fieldset.querySelectorAll("[name]"), found = [];
    for (var i = 0; i < nodes.length; i++) { if (nodes[i].name === name) { found.push(nodes[i]); } }
    return found;
  }

  function checked(nodes) {
    for (var i = 0; i < nodes.length; i++) { if (nodes[i].checked) { return nodes[i].value; } }
    return null;
  }

  function fieldsetOf(id) {
    var all = form.querySelectorAll("fieldset.item[data-item]");
    for (var i = 0; i < all.length; i++) { if (all[i].getAttribute("data-item") === id) { return all[i]; } }
    return null;
  }

  function collect(fieldset) {
    var id = fieldset.getAttribute("data-item");
    var level = checked(byName(fieldset, "level-" + id));
    var evidence = byName(fieldset, "evidence-" + id)[0];
    return {
      item_id: id,
      level: level === null ? undefined : (level === "dk" ? null : parseInt(level, 10)),
      confidence: checked(byName(fieldset, "confidence-" + id)) || "medium",
      evidence: evidence ? evidence.value : ""
    };
  }

  // A queued answer from before a reload goes back on the page, over what the server had.
  function restore(fieldset, body) {
    var id = body.item_id;
    var level = body.level === null ? "dk" : String(body.level);
    byName(fieldset, "level-" + id).forEach(function (n) { n.checked = n.value === level; });
    byName(fieldset, "confidence-" + id).forEach(function (n) { n.checked = n.value === body.confidence; });
    var evidence = byName(fieldset, "evidence-" + id)[0];
    if (evidence) { evidence.value = body.evidence || ""; }
    fieldset.classList.add("answered");
  }

  function show(fieldset, state, text) {
    if (!fieldset) { return; }
    var out = fieldset.querySelector(".save-state");
    if (out) { out.className = "save-state small " + state; out.textContent = text; }
    fieldset.setAttribute("data-save-state", state);
  }

  function summary(justSaved) {
    if (!sendState) { return; }
    var n = size();
    form.setAttribute("data-queued", n);
    if (closed) { return; }
    if (n) {
      sendState.className = "send-state small waiting";
      sendState.textContent = msg("waiting").replace("{n}", n);
    } else if (justSaved) {
      sendState.className = "send-state small saved";
      sendState.textContent = msg("all-saved");
    }
  }

  function progress(answered, total) {
    if (answeredEl) { answeredEl.textContent = answered; }
    if (bar && total) {
      bar.setAttribute("aria-valuenow", answered);
      var fill = bar.querySelector("span");
      if (fill) { fill.style.width = (100 * answered / total).toFixed(1) + "%"; }
    }
  }

  function enqueue(fieldset) {
    if (closed) { return; }
    var body = collect(fieldset);
    if (body.level === undefined) {
      if (body.evidence.trim()) { show(fieldset, "failed", msg("need-level")); }
      return;
    }
    queue[body.item_id] = body;
    persist();
    fieldset.classList.add("answered");
    show(fieldset, "queued", navigator.onLine === false ? msg("failed") : msg("saving"));
    summary(false);
    flush();
  }

  function retryLater() {
    window.clearTimeout(timer);
    delay = Math.min(30000, delay ? delay * 2 : 2000);
    timer = window.setTimeout(flush, delay);
  }

  function flush() {
    var ids = Object.keys(queue);
    if (busy || closed || !ids.length) { return; }
    var id = ids[0], sent = JSON.stringify(queue[id]);
    busy = true;
    window.clearTimeout(timer);
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json" },
      body: sent
    }).then(function (response) {
      return response.json().then(function (data) { return { status: response.status, data: data }; },
        function () { return { status: response.status, data: null }; });
    }).then(function (result) {
      busy = false;
      var fieldset = fieldsetOf(id), data = result.data || {};
      if (result.status === 200 && data.saved) {
        delay = 0;
        renewed = false;
        if (offline) { offline.reached(); }
        noteSaved(JSON.parse(sent));
        var newer = queue[id] && JSON.stringify(queue[id]) !== sent;  // changed while on its way
        if (!newer) { delete queue[id]; persist(); }
        if (!newer) {
          show(fieldset, "saved", msg("saved"));
          if (fieldset) { fieldset.classList.remove("has-error"); }
        }
        progress(data.answered, data.total);
        summary(true);
        flush();
      } else if (result.status === 404 || result.status === 409 || result.status === 410) {
        closed = true;  // the link is withdrawn or the questionnaire submitted: nothing will save
        queue = {};
        persist();
        show(fieldset, "failed", msg("closed"));
        if (sendState) { sendState.className = "send-state small failed"; sendState.textContent = msg("closed"); }
        if (offline) { offline.forget(); }  // nothing of this link stays on the phone
      } else if (result.status === 400 && data.error === "page-expired" && offline && !renewed) {
        renewed = true;  // an old page (or its kept copy): a fresh token, then the answer again
        show(fieldset, "queued", msg("saving"));
        offline.freshToken().then(function (token) {
          csrf = token;
          form.querySelector("input[name=csrf_token]").value = token;  // Next / Back post it too
          flush();
        }, retryLater);
      } else if (result.status === 400 && data.error === "page-expired") {
        show(fieldset, "queued", data.message || msg("failed"));  // kept: a reload sends it
      } else if (result.status >= 400 && result.status < 500 && result.status !== 429 && data.error) {
        delete queue[id];  // refused for good (an item no longer asked, a note too long)
        persist();
        show(fieldset, "failed", data.message || msg("failed"));
        summary(false);
        flush();
      } else {
        show(fieldset, "queued", msg("failed"));
        retryLater();
      }
    }).catch(function () {
      // No connection (or no answer): the answer stays queued and goes when the line is back.
      busy = false;
      show(fieldsetOf(id), "queued", msg("failed"));
      summary(false);
      retryLater();
    });
  }

  function itemOf(node) {
    while (node && node !== form) {
      if (node.classList && node.classList.contains("item") && node.hasAttribute("data-item")) { return node; }
      node = node.parentNode;
    }
    return null;
  }

  form.addEventListener("change", function (event) {
    var fieldset = itemOf(event.target);
    if (fieldset) { enqueue(fieldset); }
  });

  var typing = {};
  form.addEventListener("input", function (event) {
    if (event.target.tagName !== "TEXTAREA") { return; }
    var fieldset = itemOf(event.target);
    if (!fieldset) { return; }
    var id = fieldset.getAttribute("data-item");
    window.clearTimeout(typing[id]);
    typing[id] = window.setTimeout(function () { enqueue(fieldset); }, 1200);
  });

  // Next / Back post the page: offline that would lose the page, so the respondent waits here.
  form.addEventListener("submit", function (event) {
    if (navigator.onLine === false) {
      event.preventDefault();
      if (sendState) { sendState.className = "send-state small waiting"; sendState.textContent = msg("offline"); }
    }
  });

  window.addEventListener("online", function () { delay = 0; flush(); });
  window.addEventListener("readiness-flush", function () { delay = 0; flush(); });  // Background Sync

  // The kept copy is as old as the last visit: the answers saved since then go back on it.
  if (offline && offline.copy) {
    var saved = savedAnswers();
    Object.keys(saved).forEach(function (id) {
      var fieldset = fieldsetOf(id);
      if (fieldset && !queue[id]) { restore(fieldset, saved[id]); show(fieldset, "saved", msg("saved")); }
    });
  }

  Object.keys(queue).forEach(function (id) {
    var fieldset = fieldsetOf(id);
    if (fieldset) {
      restore(fieldset, queue[id]);
      show(fieldset, "queued", navigator.onLine === false ? msg("failed") : msg("saving"));
    }
  });
  summary(false);
  flush();
})();

// A participant's phone in the workshop. Its state is pushed: an event stream (EventSource) sends
// it when the facilitator changes what phones show. Without EventSource, after repeated stream
// failures, or when the server has no stream to spare (`bye` with poll: true) it polls every
// 1.5 s instead (a 204 while nothing it shows changed) and tries a stream again a minute later.
// Answers, pain points and votes go through a queue kept in localStorage: in poor Wi-Fi they wait
// on the phone and are sent again when the connection is back (the server takes each one
// idempotently: the same answer, the same title or the same vote twice stores one row). The
// phone says "Saved" only after the server confirmed. Without JavaScript every form still posts.
//
// The phone's offline copy (js/offline.js): a page served from it may carry an expired CSRF token
// or one of a session cookie the phone no longer has; a refused token is renewed once
// (GET /csrf-token) and the entry sent again. The last stage the server showed is noted on the
// phone, so that the kept copy (as old as its last visit) shows it; a closed session is forgotten.
(function () {
  "use strict";
  var phone = document.getElementById("phone");
  if (!phone || !window.fetch || !window.JSON) { return; }
  document.documentElement.classList.add("js");
  var panel = document.getElementById("phone-panel");
  var msg = phone.querySelector(".phone-msg");
  var saveState = phone.querySelector("[data-testid=save-state]");
  var csrf = phone.getAttribute("data-csrf");
  var stateUrl = phone.getAttribute("data-state-url");
  var eventsUrl = phone.getAttribute("data-events-url");
  var version = phone.getAttribute("data-version");
  var storeKey = "readiness.workshop.queue:" + stateUrl;
  var stageKey = "readiness.workshop.stage:" + stateUrl;
  var offline = window.readinessOffline || null;
  var renewed = false;  // the CSRF token was renewed since the last entry the server took
  var stopped = false;
  var sending = false;
  var retryTimer = null;

  function say(text) {
    msg.textContent = text || "";
    msg.hidden = !text;
  }

  // "Saved" fades after a few seconds and when the stage moves on (it is about the last tap);
  // "Sending" and "not sent yet" stay until they change.
  var settleTimer = null;
  function settle() { if (saveState) { saveState.classList.add("settled"); } }
  function mark(state) {
    if (!saveState) { return; }
    clearTimeout(settleTimer);
    saveState.classList.remove("settled");
    saveState.setAttribute("data-state", state || "");
    saveState.textContent = state ? saveState.getAttribute("data-" + state) : "";
    saveState.hidden = !state;
    if (state === "saved") { settleTimer = setTimeout(settle, 3000); }
  }

  // The queue ----------------------------------------------------------------------------------
  function load() {
    try { return JSON.parse(localStorage.getItem(storeKey) || "[]") || []; } catch (e) { return []; }
  }
  var queue = load();

  function save() {
    try {
      if (queue.length) { localStorage.setItem(storeKey, JSON.stringify(queue)); }
      else { localStorage.removeItem(storeKey); }
    } catch (e) { /* private mode: the queue lives as long as the page */ }
  }

  // One entry per answer item, vote pain or pain title: a later tap replaces an earlier one.
  function enqueue(entry) {
    queue = queue.filter(function (e) { return e.key !== entry.key; });
    queue.push(entry);
    save();
    flush();
  }

  function retryLater() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, 3000);
  }

  function flush() {
    if (sending || !queue.length) { return; }
    sending = true;
    mark("pending");
    var entry = queue[0];
    fetch(entry.url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json",
                 "X-CSRFToken": csrf },
      body: JSON.stringify(entry.body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.status >= 500 || response.status === 429 || response.status === 0) {
          throw new Error("retry");  // the server is busy or restarting: keep the entry
        }
        if (response.status === 400 && body.error === "csrf" && offline && !renewed) {
          renewed = true;  // an old page (or its kept copy): a fresh token, then the entry again
          return offline.freshToken().then(function (token) { csrf = token; });
        }
        renewed = false;
        queue = queue.filter(function (e) { return e !== entry; });
        save();
        if (!response.ok) {
          say(body.message || body.error || ("Error " + response.status));
          mark("");
          // Show what the server holds (a refused tap is undone on screen); a refused pain point
          // keeps its text so it can be corrected, unless capture is over.
          if (entry.kind === "pain" && body.error !== "not-capturing" && body.error !== "closed") {
            return null;
          }
          return refresh();
        }
        say("");
        return confirmed(entry, body);
      });
    }).then(function () {
      sending = false;
      if (queue.length) { flush(); return; }
      if (saveState && saveState.getAttribute("data-state") === "pending") { mark("saved"); }
      if (stale) { stale = false; refresh(); }  // a pushed state waited for the queue
    }, function () {
      sending = false;
      mark("offline");
      say("");
      retryLater();
    });
  }

  window.addEventListener("online", flush);
  window.addEventListener("readiness-flush", flush);  // Background Sync, where the phone has it

  // What the server confirmed, shown in place --------------------------------------------------
  function confirmed(entry, body) {
    if (entry.kind === "vote") { applyVote(body); }
    else if (entry.kind === "answer") { applyAnswer(entry.body); }
    else { return refresh().then(function () { mark("saved"); }); }
    if (!queue.length) { mark("saved"); }
    return null;
  }

  function applyVote(body) {
    var li = panel.querySelector(".ballot li[data-pain='" + body.pain_id + "']");
    if (!li) { return; }
    var ballot = li.parentNode;
    var form = li.querySelector("form");
    var button = form.querySelector("button");
    form.querySelector("input[name=action]").value = body.voted ? "withdraw" : "vote";
    li.classList.remove("pending");
    li.classList.toggle("voted", body.voted);
    button.className = "button small " + (body.voted ? "voted-btn" : "vote-btn");
    button.setAttribute("aria-pressed", body.voted ? "true" : "false");
    button.textContent = ballot.getAttribute(body.voted ? "data-voted" : "data-vote");
    var left = panel.querySelector("[data-testid=votes-left]");
    left.setAttribute("data-left", body.votes_left);
    var texts = JSON.parse(left.getAttribute("data-texts"));
    left.querySelector(".left-text").textContent = texts[body.votes_left] || "";
    var buttons = ballot.querySelectorAll("button.vote-btn");
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = body.votes_left === 0; }
    var hint = panel.querySelector(".take-back");
    if (hint) { hint.hidden = !ballot.querySelector("li.voted"); }
  }

  function applyAnswer(sent) {
    var form = panel.querySelector("form.answer-form");
    if (!form || form.querySelector("input[name=item_id]").value !== sent.item_id) { return; }
    var chosen = form.querySelector("input[name=level][value='" + sent.level + "']");
    if (!chosen) { return; }
    chosen.checked = true;
    var labels = form.querySelectorAll(".choice");
    for (var i = 0; i < labels.length; i++) {
      labels[i].classList.toggle("chosen", labels[i].contains(chosen));
      labels[i].classList.remove("pending");
    }
    var mine = panel.querySelector("[data-testid=my-answer] .mine");
    if (mine) {
      mine.textContent = mine.getAttribute("data-prefix") + " ";
      var strong = document.createElement("strong");
      strong.textContent = chosen.getAttribute("data-name");
      mine.appendChild(strong);
    }
  }

  // Polling the stage --------------------------------------------------------------------------
  function render(data) {
    version = data.stage_version;
    phone.setAttribute("data-version", data.stage_version);
    if (saveState && saveState.getAttribute("data-state") === "saved") { settle(); }
    panel.innerHTML = data.html;
    if (data.status === "closed") {
      stopped = true;
      if (source) { source.close(); source = null; }
      if (offline) { offline.forget(); }  // nothing of this session stays on the phone
      return;
    }
    if (offline) {
      // Per tab (sessionStorage): the stage moves on within minutes, a reload is what needs it.
      try { sessionStorage.setItem(stageKey, JSON.stringify(data)); } catch (e) { /* storage off */ }
    }
  }

  function refresh() {
    return fetch(stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" },
                             cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { render(data); } })
      .catch(function () { return null; });
  }

  // A state that arrives while something waits to be sent: the participant's choice stays on the
  // screen, and the state is fetched once the queue is empty (`stale`).
  var stale = false;
  function arrived(data) {
    if (!data) { return; }
    if (queue.length || sending) { stale = true; return; }
    say("");
    render(data);
  }

  var failures = 0;
  var polling = false;
  var chain = 0;  // one poll loop at a time: a loop stopped by the stream never resumes
  function tick(mine) {
    if (stopped || !polling || mine !== chain) { return; }
    fetch(stateUrl + "?v=" + encodeURIComponent(version), {
      credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store"
    }).then(function (response) {
      if (response.status === 204) { return null; }
      if (!response.ok) { throw new Error("state " + response.status); }
      return response.json();
    }).then(function (data) {
      failures = 0;
      if (offline) { offline.reached(); }
      // While something waits to be sent, keep the participant's choice on the screen.
      if (data && !queue.length && !sending) { say(""); render(data); }
      if (queue.length && !sending) { flush(); }  // the network is back
    }).catch(function () {
      failures += 1;
    }).then(function () {
      setTimeout(function () { tick(mine); }, 1500 * Math.min(1 + failures, 4));
    });
  }

  function poll(retryStreamAfter) {
    if (!polling) {
      polling = true;
      var mine = ++chain;
      setTimeout(function () { tick(mine); }, 1500);
    }
    if (retryStreamAfter) { setTimeout(listen, retryStreamAfter); }
  }

  // Pushed: one stream; EventSource reconnects by itself (with the last version it showed) after
  // the server's `bye`. Three errors in a row without an open stream between: poll instead.
  var source = null;
  var streamErrors = 0;
  function listen() {
    if (stopped || source) { return; }
    if (!window.EventSource || !eventsUrl) { poll(0); return; }
    source = new EventSource(eventsUrl + "?v=" + encodeURIComponent(version));
    source.addEventListener("open", function () {
      streamErrors = 0;
      polling = false;  // the stream carries the changes now
      if (queue.length && !sending) { flush(); }  // the network is back
    });
    source.addEventListener("state", function (event) {
      arrived(JSON.parse(event.data));
    });
    source.addEventListener("bye", function (event) {
      var data = JSON.parse(event.data);
      if (data.closed || data.poll) {
        source.close();
        source = null;
        if (data.poll) { poll(60000); }  // this server has no stream to spare now
      }
    });
    source.addEventListener("error", function () {
      streamErrors += 1;
      if (source && (source.readyState === 2 || streamErrors >= 3)) {
        source.close();
        source = null;
        poll(30000);
      }
    });
  }
  listen();

  // Taps ---------------------------------------------------------------------------------------
  function fields(form) {
    var data = {};
    var list = form.elements;
    for (var i = 0; i < list.length; i++) {
      var f = list[i];
      if (!f.name || f.name === "csrf_token") { continue; }
      if ((f.type === "radio" || f.type === "checkbox") && !f.checked) { continue; }
      data[f.name] = f.value;
    }
    return data;
  }

  function queueForm(form) {
    var data = fields(form);
    var url = form.getAttribute("action");
    if (form.classList.contains("answer-form")) {
      if (!data.level) { return; }
      var chosen = form.querySelector("input[name=level]:checked");
      if (chosen) { chosen.closest(".choice").classList.add("pending"); }
      // "Not answered yet" would contradict the tap; the confirmed answer is written back here.
      var mine = panel.querySelector("[data-testid=my-answer] .mine");
      if (mine) { mine.textContent = ""; }
      enqueue({ kind: "answer", key: "answer:" + data.item_id, url: url, body: data });
    } else if (form.classList.contains("vote-form")) {
      var action = form.querySelector("input[name=action]");
      form.parentNode.classList.add("pending");
      // The next tap on this pain asks for the opposite (it replaces this entry if still queued).
      var body = { pain_id: data.pain_id, action: data.action };
      action.value = data.action === "withdraw" ? "vote" : "withdraw";
      enqueue({ kind: "vote", key: "vote:" + data.pain_id, url: url, body: body });
    } else {
      enqueue({ kind: "pain", key: "pain:" + (data.title || "").trim(), url: url, body: data });
    }
  }

  panel.addEventListener("submit", function (event) {
    event.preventDefault();
    queueForm(event.target);
  });
  panel.addEventListener("change", function (event) {
    var form = event.target.form;
    if (event.target.type === "radio" && form && form.hasAttribute("data-autosubmit")) {
      queueForm(form);
    }
  });

  // The kept copy is as old as the last visit: the last stage seen since then goes back on it.
  if (offline && offline.copy) {
    try {
      var seen = JSON.parse(sessionStorage.getItem(stageKey) || "null");
      if (seen && seen.stage_version > Number(version) && typeof seen.html === "string") { render(seen); }
    } catch (e) { /* nothing noted */ }
  }

  if (queue.length) { flush(); }  // left over from before a reload
})();

// Live workshop views. Each polls a small JSON state endpoint with the version it shows; the
// server answers 204 while nothing moved, else the new state with server-rendered (escaped) HTML.
//   #stage        projector: every second, replaces the stage
//   #console-live facilitator console: every second, refreshes who joined and the submissions
//   #phone        participant: every 1.5 s for facilitator changes; its forms post JSON
// Without JavaScript every form still works as a plain post.
(function () {
  "use strict";
  if (!window.fetch || !window.JSON) { return; }
  document.documentElement.classList.add("js");

  function poll(url, version, interval, onState) {
    var state = { version: version, stopped: false, failures: 0 };
    function tick() {
      if (state.stopped) { return; }
      var sep = url.indexOf("?") >= 0 ? "&" : "?";
      fetch(url + sep + "v=" + encodeURIComponent(state.version), {
        credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store"
      }).then(function (response) {
        if (response.status === 204) { return null; }
        if (!response.ok) { throw new Error("state " + response.status); }
        return response.json();
      }).then(function (data) {
        state.failures = 0;
        if (data) { onState(data, state); }
      }).catch(function () {
        state.failures += 1;  // network blip or server restart: keep trying, a little slower
      }).then(function () {
        setTimeout(tick, interval * Math.min(1 + state.failures, 5));
      });
    }
    setTimeout(tick, interval);
    return state;
  }

  // Projector --------------------------------------------------------------------------------
  var stage = document.getElementById("stage");
  if (stage) {
    poll(stage.getAttribute("data-state-url"), stage.getAttribute("data-version"), 1000,
      function (data, state) {
        state.version = data.version;
        stage.setAttribute("data-version", data.version);
        stage.innerHTML = data.html.stage;
        var count = document.querySelector("[data-count]");
        if (count) { count.textContent = data.participants; }
        if (data.status === "closed") { state.stopped = true; }
      });
  }

  // Facilitator console --------------------------------------------------------------------------
  var live = document.getElementById("console-live");
  if (live) {
    var submissions = document.getElementById("submissions");
    poll(live.getAttribute("data-state-url"), live.getAttribute("data-version"), 1000,
      function (data, state) {
        state.version = data.version;
        live.setAttribute("data-version", data.version);
        live.innerHTML = data.html.live;
        // Never pull a form away from under the facilitator's cursor.
        if (submissions && !submissions.contains(document.activeElement)) {
          submissions.innerHTML = data.html.submissions;
        }
      });
  }

  // Participant's phone --------------------------------------------------------------------------
  var phone = document.getElementById("phone");
  if (!phone) { return; }
  var panel = document.getElementById("phone-panel");
  var msg = phone.querySelector(".phone-msg");
  var csrf = phone.getAttribute("data-csrf");
  var stateUrl = phone.getAttribute("data-state-url");
  var busy = false;

  function say(text) {
    msg.textContent = text || "";
    msg.hidden = !text;
  }

  function render(data, state) {
    if (state) { state.version = data.stage_version; }
    phone.setAttribute("data-version", data.stage_version);
    panel.innerHTML = data.html;
    if (data.status === "closed" && state) { state.stopped = true; }
  }

  var phoneState = poll(stateUrl, phone.getAttribute("data-version"), 1500, function (data, state) {
    if (busy) { return; }  // a post is on its way; its own refresh follows
    say("");
    render(data, state);
  });

  function refresh() {
    return fetch(stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" },
                             cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) { if (data) { render(data, phoneState); } });
  }

  function formData(form) {
    var data = {};
    var fields = form.elements;
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (!f.name || f.name === "csrf_token") { continue; }
      if ((f.type === "radio" || f.type === "checkbox") && !f.checked) { continue; }
      data[f.name] = f.value;
    }
    return data;
  }

  // A vote or an answer changes only this phone's own view: update it in place from the
  // response (no second request); pain capture re-renders the panel (the list of submissions).
  function applyVote(form, body) {
    var li = form.parentNode;
    var ballot = li.parentNode;
    var button = form.querySelector("button");
    form.querySelector("input[name=action]").value = body.voted ? "withdraw" : "vote";
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

  function applyAnswer(form) {
    var chosen = form.querySelector("input[name=level]:checked");
    var labels = form.querySelectorAll(".choice");
    for (var i = 0; i < labels.length; i++) {
      labels[i].classList.toggle("chosen", labels[i].contains(chosen));
    }
    var mine = panel.querySelector("[data-testid=my-answer] .mine");
    if (mine && chosen) {
      mine.textContent = mine.getAttribute("data-prefix") + " ";
      var strong = document.createElement("strong");
      strong.textContent = chosen.getAttribute("data-name");
      mine.appendChild(strong);
    }
  }

  function send(form) {
    if (busy) { return; }
    busy = true;
    form.classList.add("sending");
    fetch(form.getAttribute("action"), {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json",
                 "X-CSRFToken": csrf },
      body: JSON.stringify(formData(form))
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (!response.ok) {
          say(body.message || body.error || ("Error " + response.status));
          if (["closed", "paused", "not-current", "round-revealed", "not-voting",
               "votes-revealed", "not-capturing"].indexOf(body.error) >= 0) { return refresh(); }
          return null;
        }
        say("");
        if (form.classList.contains("vote-form")) { applyVote(form, body); return null; }
        if (form.classList.contains("answer-form")) { applyAnswer(form); return null; }
        return refresh();
      });
    }).catch(function () {
      say(phone.getAttribute("data-offline") || "No connection. Try again.");
    }).then(function () {
      busy = false;
      form.classList.remove("sending");
    });
  }

  panel.addEventListener("submit", function (event) {
    event.preventDefault();
    send(event.target);
  });
  panel.addEventListener("change", function (event) {
    var form = event.target.form;
    if (event.target.type === "radio" && form && form.hasAttribute("data-autosubmit")) {
      send(form);
    }
  });
})();

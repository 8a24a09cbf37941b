// The facilitator's live screens: the projector (with presenter mode) and the console.
// Both follow the session through server-sent events (/events: a `state` event with the same JSON
// as the poll on every change, `bye` before the server ends the stream after ~25 s, then we
// reopen at once). If the stream cannot be opened or keeps failing, they poll /state every
// second (204 while nothing moved) and try the stream again 30 s later.
// Presenter keys on the projector: → / PageDown next, ← / PageUp previous, Space reveal,
// R re-vote, S split by role, P pause/resume, B or . blank screen. Buttons post JSON (CSRF header)
// and get the new stage back: no page reloads. Without JavaScript every button is a plain form.
// The split by role is the session's (the console switches it too): every screen follows it.
// The phones have their own script (workshop_phone.js).
(function () {
  "use strict";
  if (!window.fetch || !window.JSON) { return; }
  document.documentElement.classList.add("js");

  function withParams(url, params) {
    var sep = url.indexOf("?") >= 0 ? "&" : "?";
    return url + sep + params;
  }

  // A feed of states: EventSource first, polling as the fallback.
  function Feed(options) {
    this.stateUrl = options.stateUrl;
    this.eventsUrl = options.eventsUrl;
    this.version = parseInt(options.version, 10) || 0;
    this.onState = options.onState;
    this.stopped = false;
    this.errors = 0;
    this.es = null;
    this.polling = false;
    this.open();
  }

  Feed.prototype.apply = function (data) {
    if (this.stopped || !data || typeof data.version !== "number") { return; }
    if (data.version < this.version) { return; }  // an older answer overtaken by the push
    this.version = data.version;
    this.onState(data, this);
    if (data.status === "closed") { this.stop(); }
  };

  Feed.prototype.stop = function () {
    this.stopped = true;
    this.closeStream();
    this.polling = false;
  };

  Feed.prototype.closeStream = function () {
    if (this.es) { this.es.close(); this.es = null; }
  };

  // Open (or reopen, after `bye`) the stream from the version shown.
  Feed.prototype.open = function () {
    var self = this;
    this.closeStream();
    if (this.stopped) { return; }
    if (!window.EventSource || !this.eventsUrl) { this.startPolling(); return; }
    var es = new EventSource(withParams(this.eventsUrl, "v=" + this.version));
    this.es = es;
    es.addEventListener("open", function () { self.errors = 0; });
    es.addEventListener("state", function (event) {
      self.errors = 0;
      try { self.apply(JSON.parse(event.data)); } catch (e) { /* a torn event: the next one fixes it */ }
    });
    es.addEventListener("bye", function (event) {
      if (self.es !== es) { return; }
      var data = {};
      try { data = JSON.parse(event.data); } catch (e) { data = {}; }
      if (data.closed) { self.stop(); return; }
      self.open();  // the server released its thread; carry on with a new stream at once
    });
    es.onerror = function () {
      if (self.es !== es) { return; }
      self.errors += 1;
      // Refused (401, 406...) or dropping again and again: poll instead, try the stream later.
      if (es.readyState === 2 || self.errors >= 3) {
        self.closeStream();
        self.startPolling();
        setTimeout(function () {
          if (self.stopped) { return; }
          self.polling = false;
          self.errors = 0;
          self.open();
        }, 30000);
      }
    };
  };

  Feed.prototype.startPolling = function () {
    var self = this;
    if (this.polling || this.stopped) { return; }
    this.polling = true;
    var failures = 0;
    function tick() {
      if (!self.polling || self.stopped) { return; }
      fetch(withParams(self.stateUrl, "v=" + self.version), {
        credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store"
      }).then(function (response) {
        if (response.status === 204) { return null; }
        if (!response.ok) { throw new Error("state " + response.status); }
        return response.json();
      }).then(function (data) {
        failures = 0;
        if (data) { self.apply(data); }
      }).catch(function () {
        failures += 1;  // network blip or server restart: keep trying, a little slower
      }).then(function () {
        if (self.polling) { setTimeout(tick, 1000 * Math.min(1 + failures, 5)); }
      });
    }
    setTimeout(tick, 1000);
  };

  // Posts one control; `body` is an object (sent as JSON) or a form (sent as its fields).
  function post(url, body, csrf) {
    var headers = { Accept: "application/json" };
    var payload;
    if (body instanceof HTMLFormElement) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      payload = new URLSearchParams(new FormData(body)).toString();
    } else {
      headers["Content-Type"] = "application/json";
      headers["X-CSRFToken"] = csrf;
      payload = JSON.stringify(body);
    }
    return fetch(url, { method: "POST", credentials: "same-origin", headers: headers,
                        body: payload }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        data.httpOk = response.ok;
        return data;
      });
    });
  }

  // Projector and presenter mode ---------------------------------------------------------------
  var stage = document.getElementById("stage");
  if (stage) {
    var body = document.body;
    var nav = document.getElementById("presenter");
    var blank = document.getElementById("blank");
    var split = stage.getAttribute("data-split") === "1";
    var count = document.querySelector("[data-count]");
    var status = stage.getAttribute("data-status");

    var showSplit = function (value) {
      split = value;
      stage.setAttribute("data-split", split ? "1" : "0");
      var button = nav && nav.querySelector("[data-action=split]");
      if (button) {
        button.setAttribute("aria-pressed", split ? "true" : "false");
        button.form.querySelector("input[name=action]").value = split ? "unsplit" : "split";
      }
    };

    var showStatus = function (value) {
      status = value;
      stage.setAttribute("data-status", value);
      var button = nav && nav.querySelector("[data-action=pause]");
      if (button) {
        var resume = value === "paused";
        button.form.querySelector("input[name=action]").value = resume ? "resume" : "pause";
        button.firstChild.textContent = button.getAttribute(resume ? "data-resume" : "data-pause") + " ";
      }
    };

    var feed = new Feed({
      stateUrl: stage.getAttribute("data-state-url"),
      eventsUrl: stage.getAttribute("data-events-url"),
      version: stage.getAttribute("data-version"),
      onState: function (data) {
        stage.setAttribute("data-version", data.version);
        stage.innerHTML = data.html.stage;
        if (count) { count.textContent = data.participants; }
        body.className = body.className.replace(/\bactivity-\S+/g, "") + " activity-" + data.activity;
        showStatus(data.status);
        showSplit(data.split_by_role === true);
      }
    });

    if (nav) {
      var controlUrl = stage.getAttribute("data-control-url");
      var csrf = stage.getAttribute("data-csrf");
      var msg = nav.querySelector(".presenter-msg");
      var idle;
      var wake = function () {
        nav.classList.remove("idle");
        clearTimeout(idle);
        idle = setTimeout(function () { nav.classList.add("idle"); }, 4000);
      };
      document.addEventListener("mousemove", wake);
      nav.addEventListener("focusin", wake);
      wake();

      // One control at a time, in the order of the keys: S then R must not race each other.
      // `action` may be a function, read when its turn comes (S twice: on, then off).
      var queue = Promise.resolve();
      var act = function (action, extra) {
        queue = queue.then(function () {
          var payload = { action: typeof action === "function" ? action() : action };
          if (extra) { for (var k in extra) { payload[k] = extra[k]; } }
          msg.textContent = "";
          return post(withParams(controlUrl, "view=projector"), payload, csrf)
            .then(function (data) {
              if (!data.httpOk) { msg.textContent = data.message || data.error || "Error"; return; }
              feed.apply(data);
            }).catch(function () { msg.textContent = nav.getAttribute("data-offline") || "No connection."; });
        });
        return queue;
      };
      var toggleBlank = function () {
        blank.hidden = !blank.hidden;
        var b = nav.querySelector("[data-toggle=blank]");
        if (b) { b.setAttribute("aria-pressed", blank.hidden ? "false" : "true"); }
      };
      var toggleSplit = function () { act(function () { return split ? "unsplit" : "split"; }); };
      var closeSession = function (button) {
        if (window.confirm(button.getAttribute("data-confirm"))) { act("close", { confirm: true }); }
      };

      nav.addEventListener("submit", function (event) {
        event.preventDefault();
        var form = event.target;
        if (document.activeElement && document.activeElement.blur) {
          document.activeElement.blur();  // the keys go back to the presenter shortcuts
        }
        var action = form.querySelector("input[name=action]").value;
        if (action === "close") { closeSession(form.querySelector("button")); return; }
        act(action);
      });
      nav.addEventListener("click", function (event) {
        var toggle = event.target.closest("[data-toggle]");
        if (!toggle) { return; }
        event.preventDefault();
        toggleBlank();
      });
      document.addEventListener("keydown", function (event) {
        if (event.ctrlKey || event.metaKey || event.altKey) { return; }
        var target = event.target;
        if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) { return; }
        var key = event.key;
        // Space or Enter on a focused button presses that button, not "reveal" as well.
        if (target && /^(BUTTON|A)$/.test(target.tagName) && (key === " " || key === "Enter")) {
          return;
        }
        var handled = true;
        if (key === "ArrowRight" || key === "PageDown") { act("next"); }
        else if (key === "ArrowLeft" || key === "PageUp") { act("prev"); }
        else if (key === " " || key === "Spacebar") { act("reveal"); }
        else if (key === "r" || key === "R") { act("revote"); }
        else if (key === "p" || key === "P") { act(function () { return status === "paused" ? "resume" : "pause"; }); }
        else if (key === "b" || key === "B" || key === ".") { toggleBlank(); }
        else if (key === "s" || key === "S") { toggleSplit(); }
        else { handled = false; }
        if (handled) { event.preventDefault(); wake(); }
      });
    }
  }

  // Facilitator console: a second screen that also acts without reloads ------------------------
  var root = document.getElementById("console-root");
  var live = document.getElementById("console-live");
  if (root && live) {
    var consoleMsg = document.getElementById("console-msg");
    var stageVersion = root.getAttribute("data-stage-version");
    var consoleSplit = root.getAttribute("data-split") === "1";
    var say = function (text) {
      consoleMsg.textContent = text || "";
      consoleMsg.hidden = !text;
    };
    // A form the facilitator has started to fill in is never swapped away under them (a title
    // typed, a severity chosen): refreshes wait until they submit it.
    var dirty = false;
    root.addEventListener("input", function () { dirty = true; });
    root.addEventListener("change", function () { dirty = true; });
    var editing = function () {
      var el = document.activeElement;
      return dirty || (el && root.contains(el) && /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) &&
        !live.contains(el));
    };
    // The whole console, fetched and swapped in place (keeps the scroll position and the feed).
    var reloadConsole = function () {
      return fetch(location.pathname, { credentials: "same-origin", cache: "no-store",
                                        headers: { Accept: "text/html" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          if (dirty) { return; }
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("console-root");
          if (!fresh) { return; }
          var currentLive = document.getElementById("console-live");
          var freshLive = fresh.querySelector("#console-live");
          if (freshLive && currentLive) { freshLive.parentNode.replaceChild(currentLive, freshLive); }
          var text = consoleMsg.textContent;
          root.innerHTML = "";
          while (fresh.firstChild) { root.appendChild(fresh.firstChild); }
          consoleMsg = document.getElementById("console-msg");
          say(text);
          stageVersion = fresh.getAttribute("data-stage-version");
          root.setAttribute("data-stage-version", stageVersion);
          consoleSplit = fresh.getAttribute("data-split") === "1";
          root.setAttribute("data-split", consoleSplit ? "1" : "0");
        });
    };

    new Feed({
      stateUrl: live.getAttribute("data-state-url"),
      eventsUrl: live.getAttribute("data-events-url"),
      version: live.getAttribute("data-version"),
      onState: function (data) {
        var panel = document.getElementById("console-live");
        panel.setAttribute("data-version", data.version);
        panel.innerHTML = data.html.live;
        var submissions = document.getElementById("submissions");
        var moved = String(data.stage_version) !== String(stageVersion) ||
          data.split_by_role !== consoleSplit;  // the projector's S switched the split
        if (moved && !editing()) {
          stageVersion = String(data.stage_version);  // e.g. the presenter keys moved on
          consoleSplit = data.split_by_role === true;
          reloadConsole();
        } else if (submissions && !editing()) {
          submissions.innerHTML = data.html.submissions;  // never pull a form from under the cursor
        }
      }
    });

    root.addEventListener("submit", function (event) {
      var form = event.target;
      if ((form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
      event.preventDefault();
      dirty = false;
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; }
      say("");
      post(withParams(form.getAttribute("action"), "view=console"), form).then(function (data) {
        if (!data.httpOk) { say(data.message || data.error || "Error"); return null; }
        if (data.message) { say(data.message); }
        return reloadConsole();
      }).catch(function () {
        form.submit();  // no JSON answer (network, expired page): let the browser post it
      }).then(function () {
        if (button) { button.disabled = false; }
      });
    });
  }
})();

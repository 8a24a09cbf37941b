// The phone pages' offline copy (see templates/offline/sw.js). Registers the service worker
// from the participant and respondent pages only, shows the offline banner when the page is the
// kept copy or the connection is gone, hands the queue scripts (respond.js, workshop_phone.js) a
// fresh CSRF token, and forgets a finished link: its kept pages and its queues on this phone.
// Without service workers (or JavaScript) nothing changes: the pages work as before.
(function () {
  "use strict";
  var box = document.getElementById("offline");
  if (!box) { return; }
  var banner = box.querySelector("[data-testid=offline-banner]");
  var root = document.documentElement;
  var copy = root.hasAttribute("data-offline-copy");
  var link = box.getAttribute("data-link");
  var sw = "serviceWorker" in navigator ? navigator.serviceWorker : null;

  var backOnline = false;  // a kept copy shown offline, and the connection has come back since

  function show() {
    if (banner) { banner.hidden = !(navigator.onLine === false || (copy && !backOnline)); }
  }

  function askSync() {
    if (!sw) { return; }
    sw.ready.then(function (reg) {
      if (reg.sync) { return reg.sync.register("readiness-flush"); }
    }).catch(function () { /* no Background Sync: the pages' online event does it */ });
  }

  function tell(message) {
    if (!sw) { return Promise.resolve(false); }
    return sw.ready.then(function (reg) {
      return new Promise(function (resolve) {
        var channel = new MessageChannel();
        channel.port1.onmessage = function (event) { resolve(!!(event.data && event.data.ok)); };
        reg.active.postMessage(message, [channel.port2]);
      });
    });
  }

  // A finished questionnaire or a closed session: nothing of it stays on the phone.
  function forget() {
    [window.localStorage, window.sessionStorage].forEach(function (store) {
      try {
        for (var i = store.length - 1; i >= 0; i--) {
          var key = store.key(i);
          if (key && key.indexOf(link + "/") >= 0) { store.removeItem(key); }
        }
      } catch (e) { /* storage off: nothing was kept */ }
    });
    if (sw && sw.controller) { tell({ type: "forget", link: link }); }
  }

  function freshToken() {
    return fetch(box.getAttribute("data-token-url"), {
      credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error("token " + response.status); }
      return response.json();
    }).then(function (data) { return data.csrf_token; });
  }

  // The server answered (a save, a poll): the banner goes even if the phone never said "online"
  // (a Wi-Fi that came back without the browser noticing it had gone).
  function reached() { backOnline = true; show(); }

  window.readinessOffline = { copy: copy, freshToken: freshToken, forget: forget, reached: reached };

  if (box.hasAttribute("data-forget")) { forget(); return; }

  window.addEventListener("offline", function () { backOnline = false; show(); askSync(); });
  window.addEventListener("online", function () { backOnline = true; show(); });
  show();
  if (!sw) { return; }
  sw.addEventListener("message", function (event) {
    if (event.data && event.data.type === "flush") { window.dispatchEvent(new Event("readiness-flush")); }
  });
  var controlled = !!sw.controller;
  sw.register(box.getAttribute("data-sw-url")).then(function () {
    // A page that did not come through the worker (the first visit) is kept now.
    return controlled ? true : tell({ type: "remember", url: location.href });
  }).then(function (kept) {
    if (kept) { root.setAttribute("data-offline-ready", ""); }
  }).catch(function () { /* no worker: the page works as before */ });
  if (copy || navigator.onLine === false) { askSync(); }
})();

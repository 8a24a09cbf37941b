// The phones' offline copy (readiness/offline). It touches only GET navigations to the
// participant and respondent pages (/w/..., /r/...) and GET requests for static files; every
// other request (the consultant app, /api, downloads, every POST) passes by untouched.
//
// Pages: network first (fresh CSRF token and state), the last copy of that same page when the
// network fails, marked so the page shows its offline banner. Only pages this phone visited are
// kept, only the successful ones the server marked X-Offline-Keep (no staff member logged in); a finished questionnaire, a withdrawn link or a closed
// session (the server says X-Offline-Forget) drops every page of that link.
// Static files: cache first (the cache's name carries a digest of the static files, so a
// release installs a new worker and the old cache is deleted on activate).
"use strict";
var VERSION = {{ version|tojson }};
var CACHE = "readiness-phone-" + VERSION;
var PREFIX = "readiness-phone-";
var STATIC = {{ static_prefix|tojson }};
var PAGES = {{ page_prefixes|tojson }};
var PRECACHE = {{ precache|tojson }};

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(PRECACHE); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// "/r/<token>" or "/w/<code>": the link a page belongs to, or null when it is no phone page.
function linkOf(url) {
  if (url.origin !== self.location.origin) { return null; }
  for (var i = 0; i < PAGES.length; i++) {
    if (url.pathname.indexOf(PAGES[i]) === 0) {
      var rest = url.pathname.slice(PAGES[i].length).split("/")[0];
      return rest ? PAGES[i] + rest : null;
    }
  }
  return null;
}

function forget(link) {
  return caches.open(CACHE).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.filter(function (request) {
        var path = new URL(request.url).pathname;
        return path === link || path.indexOf(link + "/") === 0;
      }).map(function (request) { return cache.delete(request); }));
    });
  });
}

// Keep a copy of a page's answer, or drop the link's pages when the server says it is over.
function remember(url, response) {
  var link = linkOf(new URL(url));
  if (!link) { return Promise.resolve(false); }
  if (response.headers.has("X-Offline-Forget")) {
    return forget(link).then(function () { return false; });
  }
  if (response.status !== 200 || response.type !== "basic" || response.redirected ||
      !response.headers.has("X-Offline-Keep")) {
    // Errors, redirects, anything but a page and the pages of a logged-in consultant: not kept.
    return Promise.resolve(false);
  }
  return caches.open(CACHE).then(function (cache) {
    return cache.put(url, response.clone());
  }).then(function () { return true; });
}

// The kept copy, marked on <html> so that the page says it is the offline copy.
function offlineCopy(url) {
  return caches.open(CACHE).then(function (cache) { return cache.match(url); }).then(function (kept) {
    if (!kept) { return Response.error(); }
    return kept.text().then(function (html) {
      var headers = new Headers(kept.headers);
      headers.delete("Content-Length");  // the mark makes the page longer
      return new Response(html.replace("<html ", "<html data-offline-copy "), {
        status: 200, headers: headers
      });
    });
  });
}

function page(event) {
  var url = event.request.url.split("#")[0];
  return fetch(event.request).then(function (response) {
    // Kept before it is shown (a page of a few kB): a page seen is a page kept, even if the
    // network drops the next second.
    return remember(url, response.clone()).then(function () { return response; },
                                                function () { return response; });
  }, function () {
    return offlineCopy(url);
  });
}

function staticFile(request) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request).then(function (kept) {
      if (kept) { return kept; }
      return fetch(request).then(function (response) {
        if (response.status === 200 && response.type === "basic") {
          cache.put(request, response.clone());
        }
        return response;
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === "navigate" && linkOf(url)) {
    event.respondWith(page(event));
  } else if (url.pathname.indexOf(STATIC) === 0 && !url.search) {
    event.respondWith(staticFile(request));
  }
});

// From the pages (js/offline.js): "remember" the page that was loaded before this worker took
// over (its answer never came through here); "forget" a finished link.
self.addEventListener("message", function (event) {
  var data = event.data || {};
  var reply = function (ok) {
    if (event.ports && event.ports[0]) { event.ports[0].postMessage({ ok: ok }); }
  };
  if (data.type === "remember" && typeof data.url === "string") {
    var url = new URL(data.url, self.location.origin);
    if (url.origin !== self.location.origin || !linkOf(url)) { reply(false); return; }
    event.waitUntil(fetch(url.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return remember(url.href.split("#")[0], response); })
      .then(reply, function () { reply(false); }));
  } else if (data.type === "forget" && typeof data.link === "string") {
    var link = linkOf(new URL(data.link, self.location.origin));
    if (link) { event.waitUntil(forget(link).then(function () { reply(true); })); }
  }
});

// Background Sync, where the browser has it: the queues live in the pages (localStorage, which a
// worker cannot read), so the worker asks the open pages to send theirs.
self.addEventListener("sync", function (event) {
  if (event.tag !== "readiness-flush") { return; }
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(function (pages) {
    pages.forEach(function (client) { client.postMessage({ type: "flush" }); });
  }));
});

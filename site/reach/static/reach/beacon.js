// Counts one read of this story in this language, or one search (site/reach/beacon.py): the
// story, the language and the referring site's host name only, or the search as the server
// signed it. No cookie, no identifier, nothing stored in the browser. A page prerendered and
// never shown sends nothing.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) {
    return;
  }
  var data = script.dataset;
  function send() {
    var params;
    if (data.query !== undefined) {
      params = new URLSearchParams({ l: data.language, q: data.query, f: data.found, g: data.signature });
    } else {
      params = new URLSearchParams({ s: data.story, l: data.language });
      try {
        if (document.referrer) {
          params.set("r", new URL(document.referrer).hostname);
        }
      } catch (error) {
        // An unreadable referrer counts as a direct read.
      }
    }
    navigator.sendBeacon(data.endpoint + "?" + params.toString());
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();

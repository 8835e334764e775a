// Counts one read of this story in this language (site/reach/beacon.py): the story, the
// language and the referring site's host name only. No cookie, no identifier, nothing stored
// in the browser. A page prerendered and never shown sends nothing.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon) {
    return;
  }
  function send() {
    var params = new URLSearchParams({ s: script.dataset.story, l: script.dataset.language });
    try {
      if (document.referrer) {
        params.set("r", new URL(document.referrer).hostname);
      }
    } catch (error) {
      // An unreadable referrer counts as a direct read.
    }
    navigator.sendBeacon(script.dataset.endpoint + "?" + params.toString());
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();

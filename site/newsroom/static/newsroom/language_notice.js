// A story not yet in the reader's language: show the line written in that language, which
// the page carries hidden (includes/language_switcher.html). The reader's language is the
// first of the browser's that the site has; none is shown when the story is in it.
(function () {
  "use strict";
  var notices = document.querySelectorAll("[data-missing-language]");
  if (!notices.length) return;
  var offered = Array.prototype.map.call(
    document.querySelectorAll(".language-switcher li a[hreflang]"),
    function (link) { return link.getAttribute("hreflang"); }
  );
  function site_code(tag) {
    tag = tag.toLowerCase();
    if (tag === "zh" || /^zh-(hans|cn|sg|my)/.test(tag)) return "zh-hans";
    return tag.split("-")[0];
  }
  var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
  for (var i = 0; i < wanted.length; i++) {
    var code = site_code(wanted[i] || "");
    if (offered.indexOf(code) !== -1) return;
    for (var j = 0; j < notices.length; j++) {
      if (notices[j].getAttribute("data-missing-language") === code) {
        notices[j].hidden = false;
        return;
      }
    }
  }
})();

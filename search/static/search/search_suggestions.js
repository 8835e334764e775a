/* Search as you type: fills the search page's datalist with matching titles.
   The form works without it. Loaded as a file, not inline, for the Content-Security-Policy. */
(function () {
  var input = document.getElementById("search-page-q");
  var list = document.getElementById("search-page-suggestions");
  if (!input || !list || !window.fetch) return;
  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value.trim();
    if (q.length < 2) return;
    timer = setTimeout(function () {
      fetch(input.dataset.autocompleteUrl + "?q=" + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) {
          list.replaceChildren.apply(list, data.results.map(function (s) {
            var option = document.createElement("option");
            option.value = s.title;
            return option;
          }));
        })
        .catch(function () {});
    }, 150);
  });
})();

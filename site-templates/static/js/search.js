// The search page: matches the typed words against the index built with the site
// (index.json beside the page), without diacritics and with đ→d, so "dam" finds "Đầm".
// Without JavaScript the page lists every entry instead.
(function () {
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-input");
  var results = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!form || !input || !results) return;

  // The same folding as the build's Slug.fold: lower case, no tone or vowel marks, đ→d.
  function fold(text) {
    return text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  }

  var entries = null;
  function show() {
    if (!entries) return;
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var matches = entries.filter(function (entry) {
      return words.every(function (word) { return entry.f.indexOf(word) !== -1; });
    });
    // Title matches first, then the rest, each in the site's order.
    matches.sort(function (a, b) {
      var at = words.every(function (w) { return fold(a.t).indexOf(w) !== -1; }) ? 0 : 1;
      var bt = words.every(function (w) { return fold(b.t).indexOf(w) !== -1; }) ? 0 : 1;
      return at - bt || a.o - b.o;
    });
    results.textContent = "";
    matches.forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.u;
      link.textContent = entry.t;
      item.appendChild(link);
      if (entry.s) {
        var summary = document.createElement("p");
        summary.textContent = entry.s;
        item.appendChild(summary);
      }
      results.appendChild(item);
    });
    if (status) status.textContent = words.length ? status.dataset.found.replace("{n}", matches.length) : "";
  }

  var query = new URLSearchParams(location.search).get("q");
  if (query) input.value = query;
  input.addEventListener("input", function () {
    var url = new URL(location.href);
    if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    show();
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); show(); });
  fetch(form.dataset.index).then(function (r) { return r.json(); }).then(function (data) {
    entries = data.map(function (entry, index) { entry.o = index; return entry; });
    if (input.value) show();
  });
})();

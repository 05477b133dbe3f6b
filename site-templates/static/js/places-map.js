// The map page: turns the list of places (each <li data-lat data-lon>) into Leaflet markers.
// Without JavaScript, or when Leaflet cannot load, the list itself is the page.
(function () {
  var box = document.getElementById("places-map");
  if (!box || !window.L) return;
  var items = document.querySelectorAll("[data-lat][data-lon]");
  if (!items.length) return;
  box.classList.add("map-ready");
  var map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer(box.dataset.tiles, { maxZoom: 19, attribution: box.dataset.attribution }).addTo(map);
  var bounds = [];
  items.forEach(function (item) {
    var point = [parseFloat(item.dataset.lat), parseFloat(item.dataset.lon)];
    var link = item.querySelector("a");
    var popup = document.createElement("a");
    popup.href = link.href;
    popup.textContent = link.textContent;
    L.marker(point, { title: link.textContent }).addTo(map).bindPopup(popup);
    bounds.push(point);
  });
  if (bounds.length === 1) map.setView(bounds[0], 15); else map.fitBounds(bounds, { padding: [32, 32] });
})();

// Choose a point on the area's map while submitting. Without this script the map stays hidden
// and "describe the place" is the way to say where; the server checks the point either way.
(function () {
  "use strict";
  function setUp(picker) {
    var form = picker.closest("form");
    var svg = picker.querySelector("svg");
    var dot = picker.querySelector("[data-picker-dot]");
    var status = picker.querySelector("[data-picker-status]");
    var latitude = form.querySelector("input[name=latitude]");
    var longitude = form.querySelector("input[name=longitude]");
    var data = svg.dataset;
    var padding = Number(data.padding);

    function project(lon, lat) {
      return {
        x: padding + (lon - Number(data.minLon)) * Number(data.xScale),
        y: padding + (Number(data.maxLat) - lat) * Number(data.yScale)
      };
    }
    function show(lon, lat) {
      var point = project(lon, lat);
      dot.setAttribute("cx", point.x.toFixed(1));
      dot.setAttribute("cy", point.y.toFixed(1));
      dot.setAttribute("visibility", "visible");
      status.textContent = picker.dataset.chosenText;
    }
    svg.addEventListener("click", function (event) {
      var screen = svg.createSVGPoint();
      screen.x = event.clientX;
      screen.y = event.clientY;
      var point = screen.matrixTransform(svg.getScreenCTM().inverse());
      var lon = Number(data.minLon) + (point.x - padding) / Number(data.xScale);
      var lat = Number(data.maxLat) - (point.y - padding) / Number(data.yScale);
      longitude.value = lon.toFixed(6);
      latitude.value = lat.toFixed(6);
      show(lon, lat);
    });
    picker.querySelector("[data-picker-clear]").addEventListener("click", function () {
      latitude.value = "";
      longitude.value = "";
      dot.setAttribute("visibility", "hidden");
      status.textContent = picker.dataset.clearedText;
    });
    if (latitude.value && longitude.value) {
      show(Number(longitude.value), Number(latitude.value));
    }
    picker.hidden = false;
  }
  function init() {
    document.querySelectorAll("[data-picker]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

// planbook: open every collapsed section while printing, so the paper copy
// of a plan holds everything; close them again afterwards.
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.setAttribute("open", "");
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.removeAttribute("open");
    });
    opened = [];
  });
})();

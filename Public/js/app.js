// Small enhancements only: every page works without this file.
(function () {
  "use strict";
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
  document.querySelectorAll(".js-hide").forEach(function (el) { el.hidden = true; });

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });

  // The language switch returns to the page it was used on.
  document.querySelectorAll("input[name=back]").forEach(function (input) {
    input.value = window.location.pathname + window.location.search;
  });

  // Sign-up: show what the chosen country pre-fills.
  document.querySelectorAll("select[data-country-hint]").forEach(function (select) {
    var hint = document.getElementById(select.getAttribute("data-country-hint"));
    var base = hint ? hint.textContent : "";
    function update() {
      var option = select.options[select.selectedIndex];
      if (!hint || !option) { return; }
      hint.textContent = option.getAttribute("data-time-zone") + " · " + option.getAttribute("data-prefix") +
        " · " + option.getAttribute("data-locale").toUpperCase() + " — " + base;
    }
    select.addEventListener("change", update);
    update();
  });
})();

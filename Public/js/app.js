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

  // Editors: show only the inputs that apply to what a select chose. Elements say when they apply with
  // data-show-for="trigger:schedule schedule:weekly" (every named select must hold one of the listed values).
  var controls = {};
  document.querySelectorAll("select[data-controls]").forEach(function (select) {
    controls[select.getAttribute("data-controls")] = select;
  });
  function applyVisibility() {
    document.querySelectorAll("[data-show-for]").forEach(function (el) {
      var wanted = {};
      el.getAttribute("data-show-for").split(" ").forEach(function (token) {
        var parts = token.split(":");
        (wanted[parts[0]] = wanted[parts[0]] || []).push(parts[1]);
      });
      var visible = Object.keys(wanted).every(function (name) {
        var select = controls[name];
        return !select || wanted[name].indexOf(select.value) !== -1;
      });
      el.hidden = !visible;
    });
  }
  Object.keys(controls).forEach(function (name) { controls[name].addEventListener("change", applyVisibility); });
  applyVisibility();
})();

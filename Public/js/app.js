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

// Import: drop a file anywhere on the drop zone; the form is sent as soon as a file is chosen.
(function () {
  "use strict";
  document.querySelectorAll("[data-dropzone]").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    if (!input) { return; }
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (event) { event.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        input.form.submit();
      }
    });
    input.addEventListener("change", function () { if (input.files.length) { input.form.submit(); } });
  });

  // Import progress: ask for the counts every second until the import ends, then show the result.
  document.querySelectorAll("[data-progress]").forEach(function (card) {
    if (card.getAttribute("data-finished") === "true") { return; }
    var url = card.getAttribute("data-progress");
    function tick() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          var bar = document.getElementById("import-progress");
          if (data.total_rows) { bar.value = Math.min(100, Math.floor(data.rows_done * 100 / data.total_rows)); }
          var rows = document.getElementById("import-rows");
          if (data.total_rows) { rows.textContent = data.rows_done + " / " + data.total_rows; }
          document.querySelectorAll("[data-count]").forEach(function (cell) {
            var value = data[cell.getAttribute("data-count")];
            if (typeof value === "number") { cell.textContent = value; }
          });
          if (data.state === "completed" || data.state === "failed") { window.location.reload(); return; }
          window.setTimeout(tick, 1000);
        })
        .catch(function () { window.setTimeout(tick, 3000); });
    }
    window.setTimeout(tick, 1000);
  });
})();

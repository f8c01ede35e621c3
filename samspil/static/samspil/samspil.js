// Start the design system's components (menus, accordions, ...) once the page is there.
if (window.DKFDS) { window.DKFDS.init(); }

// A decision's tools: only the chosen project's are shown (all when no project is chosen);
// a tool of another project is unticked when it is hidden, so it is never sent by mistake.
(function () {
  function filterTools(fieldset) {
    var select = document.getElementById(fieldset.getAttribute("data-tools-for"));
    if (!select) { return; }
    var chosen = select.value;
    fieldset.querySelectorAll(".samspil-tool-group").forEach(function (group) {
      var show = !chosen || group.getAttribute("data-project") === chosen;
      group.hidden = !show;
      if (!show) { group.querySelectorAll("input").forEach(function (box) { box.checked = false; }); }
    });
  }
  function filterAll(root) {
    (root || document).querySelectorAll("fieldset[data-tools-for]").forEach(filterTools);
  }
  document.addEventListener("change", function (event) {
    document.querySelectorAll('fieldset[data-tools-for="' + event.target.id + '"]').forEach(filterTools);
  });
  document.addEventListener("htmx:afterSwap", function (event) { filterAll(event.target); });
  filterAll();
})();

// A table that is wider than the page scrolls in its own region; make that region reachable
// by keyboard and named by its caption (WCAG 2.1.1), wherever the template did not already.
(function () {
  function regions(root) {
    (root || document).querySelectorAll(".table--responsive-scroll").forEach(function (wrap) {
      if (wrap.hasAttribute("tabindex") || wrap.scrollWidth <= wrap.clientWidth) { return; }
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : document.title);
    });
  }
  document.addEventListener("htmx:afterSwap", function (event) { regions(event.target); });
  regions();
})();

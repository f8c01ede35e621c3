// "Print or save as PDF" buttons on the printable pages (no inline handlers: the CSP forbids them).
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.addEventListener("click", function () { window.print(); });
});

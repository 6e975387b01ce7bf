// The department-year page: a click on a finding's mark shows its explanation (#finding-N, from
// the list of findings at the end of the page) in a panel. The panel copies DOM nodes, never HTML.
"use strict";
document.addEventListener("click", (event) => {
  const panel = document.getElementById("finding-panel");
  if (!panel) return;
  const mark = event.target.closest("button.finding");
  if (mark) {
    const detail = document.getElementById(mark.dataset.ref);
    if (!detail) return;
    const body = panel.querySelector(".finding-panel-body");
    body.replaceChildren(...Array.from(detail.cloneNode(true).childNodes));
    body.dataset.finding = mark.dataset.finding;
    panel.className = "finding-panel " + (detail.classList.contains("error") ? "error" : detail.classList.contains("warning") ? "warning" : "info");
    panel.hidden = false;
    document.querySelectorAll("button.finding.active").forEach((b) => b.classList.remove("active"));
    mark.classList.add("active");
  } else if (event.target.closest(".finding-panel-close")) {
    panel.hidden = true;
  }
});
document.addEventListener("keydown", (event) => {
  const panel = document.getElementById("finding-panel");
  if (event.key === "Escape" && panel) panel.hidden = true;
});

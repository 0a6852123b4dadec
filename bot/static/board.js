// Drag a card to another column: the same POST as the card's own form, then move the card.
(() => {
  const board = document.getElementById("board");
  if (!board) return;
  const csrf = board.dataset.csrf;
  let dragged = null;
  function count(section, delta) {
    const el = section.querySelector(".count");
    const total = Number(el.dataset.total) + delta;
    el.dataset.total = total;
    el.textContent = "(" + total + ")";
  }
  board.addEventListener("dragstart", (ev) => {
    dragged = ev.target.closest(".card");
    if (!dragged) return;
    dragged.classList.add("dragging");
    ev.dataTransfer.setData("text/plain", dragged.dataset.lead);
    ev.dataTransfer.effectAllowed = "move";
  });
  board.addEventListener("dragend", () => { if (dragged) dragged.classList.remove("dragging"); });
  for (const section of board.querySelectorAll("section[data-status]")) {
    section.addEventListener("dragover", (ev) => { ev.preventDefault(); section.classList.add("over"); });
    section.addEventListener("dragleave", () => section.classList.remove("over"));
    section.addEventListener("drop", async (ev) => {
      ev.preventDefault();
      section.classList.remove("over");
      const card = dragged;
      const from = card && card.closest("section");
      if (!card || from === section) return;
      const status = section.dataset.status;
      const body = new URLSearchParams({csrf, lead_status: status, back: "/dashboard/kanban"});
      const error = document.getElementById("board-error");
      const r = await fetch("/dashboard/leads/" + card.dataset.lead + "/status",
        {method: "POST", body, headers: {"X-Requested-With": "fetch"}});
      const text = await r.text();
      if (!r.ok || text.startsWith("Not done")) { error.textContent = r.ok ? text : "The move was not saved; reload the page."; return; }
      error.textContent = "";
      section.appendChild(card);
      card.querySelector("select").value = status;
      count(from, -1); count(section, 1);
    });
  }
})();

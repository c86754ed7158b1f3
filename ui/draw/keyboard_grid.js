// The keyboard pen of the Draw page (ui/draw/keyboard_pen.py): a grid of cells drawn on with
// the arrow keys and Space, sent to Python as a string of "0" and "1" only when the pen is
// lifted, the grid cleared or Enter pressed; never on a plain arrow press, so moving the pen
// costs the server nothing.
export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const root = parentElement.querySelector(".kp");
  const grid = root.querySelector(".kp-grid");
  const status = root.querySelector(".kp-status");
  const size = data.size;
  // What the student drew lives on the element: this function runs again on every rerun of
  // the page, and the drawing must survive it.
  const pen = root.kpPen || (root.kpPen = { row: Math.floor(size / 2), col: Math.floor(size / 2),
    down: false, cells: null, received: null, sent: null, echoes: [] });
  // Python hands back the grid it holds. An echo of something sent from here is old news
  // (the student may have drawn on since); any other grid (the first) replaces the drawing.
  if (pen.received !== data.cells) {
    pen.received = data.cells;
    if (!pen.echoes.includes(data.cells)) {
      pen.cells = Array.from(data.cells, (c) => c === "1");
      pen.sent = data.cells;
    }
  }
  if (grid.children.length !== size * size) {
    grid.replaceChildren();
    grid.style.gridTemplateColumns = `repeat(${size}, 1fr)`;
    for (let i = 0; i < size * size; i += 1) {
      grid.appendChild(document.createElement("div")).className = "kp-cell";
    }
  }
  grid.style.setProperty("--kp-ink", data.ink);
  grid.style.setProperty("--kp-paper", data.paper);

  const text = () => pen.cells.map((c) => (c ? "1" : "0")).join("");
  const draw = () => {
    pen.cells.forEach((inked, i) => {
      const cell = grid.children[i];
      cell.classList.toggle("kp-ink", inked);
      cell.classList.toggle("kp-pen", i === pen.row * size + pen.col);
      cell.classList.toggle("kp-down", pen.down && i === pen.row * size + pen.col);
    });
    const inked = pen.cells.filter(Boolean).length;
    const waiting = text() !== pen.sent ? " Not sent yet: press Enter or lift the pen." : "";
    status.textContent = `Pen ${pen.down ? "down" : "up"} at row ${pen.row + 1}, ` +
      `column ${pen.col + 1}. ${inked} of ${size * size} squares inked.${waiting}`;
    root.dataset.pen = `${pen.row},${pen.col},${pen.down ? "down" : "up"}`;
  };
  const send = () => {
    const now = text();
    if (now !== pen.sent) {
      pen.sent = now;
      pen.echoes = [...pen.echoes.slice(-19), now];
      setStateValue("cells", now);
    }
  };
  const moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const onKey = (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key in moves) {
      const [dr, dc] = moves[event.key];
      pen.row = Math.min(size - 1, Math.max(0, pen.row + dr));
      pen.col = Math.min(size - 1, Math.max(0, pen.col + dc));
      if (pen.down) pen.cells[pen.row * size + pen.col] = true;
    } else if (event.key === " ") {
      pen.down = !pen.down;
      if (pen.down) pen.cells[pen.row * size + pen.col] = true;
      else send(); // Lifting the pen is the end of a stroke, as lifting the mouse is.
    } else if (event.key === "Backspace" || event.key === "Delete") {
      pen.cells.fill(false);
      pen.down = false;
      send();
    } else if (event.key === "Enter") {
      send();
    } else {
      return; // Tab and every other key keep their usual meaning.
    }
    event.preventDefault(); // The arrows and Space would otherwise scroll the page.
    draw();
  };
  // One listener at a time: Streamlit may run this function again before it runs the
  // clean-up returned last time, and two listeners would move the pen two squares a press.
  if (grid.kpOnKey) grid.removeEventListener("keydown", grid.kpOnKey);
  grid.kpOnKey = onKey;
  grid.addEventListener("keydown", onKey);
  draw();
  return () => {
    grid.removeEventListener("keydown", onKey);
    if (grid.kpOnKey === onKey) grid.kpOnKey = null;
  };
}

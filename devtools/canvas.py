"""What the browser tests and the load test ask of the Draw page's canvas."""

SURFACE = "canvas.dc-canvas.lower-canvas"  # The drawing (the background canvas is another).
# Playwright's mouse jumps; a hand glides in and rests. A press in the same instant the
# pointer jumps onto the canvas from the Clear button is sometimes not seen by the canvas
# (the first stroke after the first Clear, every time, in a headless Chromium); a press
# after a short rest always is.
HOVER_MS = 200

# Pixels of a canvas that differ from its first pixel (the paper): 0 means no ink, so a
# stroke that left none never reached the canvas. Run with Playwright's `evaluate`.
INK = """(canvas) => {
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let differing = 0;
    for (let i = 0; i < data.length; i += 4) {
        if (data[i] !== data[0] || data[i + 3] !== data[3]) differing += 1;
    }
    return differing;
}"""

# The paper's colour as "r,g,b" while the canvas holds no ink, else "": Clear and a new
# paper load a blank drawing into the same canvas, and this says when it has arrived.
BLANK_PAPER = """(canvas) => {
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 4; i < data.length; i += 4) {
        if (data[i] !== data[0] || data[i + 3] !== data[3]) return "";
    }
    return `${data[0]},${data[1]},${data[2]}`;
}"""
BLACK_PAPER, WHITE_PAPER = "0,0,0", "255,255,255"

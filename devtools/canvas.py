"""What the browser tests and the load test ask of the Draw page's canvas."""

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

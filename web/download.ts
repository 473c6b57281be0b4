/** Downloads from the page: a Blob as a file, an SVG as text or as a PNG. */
export const downloadBlob = (blob: Blob, name: string): void => {
  const url = URL.createObjectURL(blob)
  const a = document.createElement("a")
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

export const svgText = (svg: SVGSVGElement): string => `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`

/** Rasterises the SVG at `scale` × its size (white background). */
export const svgToPng = async (svg: SVGSVGElement, scale: number): Promise<Blob> => {
  const w = Number(svg.getAttribute("width")), h = Number(svg.getAttribute("height"))
  const img = new Image()
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: "image/svg+xml" }))
  try {
    img.src = url
    await img.decode()
    const canvas = document.createElement("canvas")
    canvas.width = Math.round(w * scale); canvas.height = Math.round(h * scale)
    const ctx = canvas.getContext("2d")!
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height)
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
    return await new Promise<Blob>((res, rej) => canvas.toBlob((b) => (b === null ? rej(new Error("PNG export failed")) : res(b)), "image/png"))
  } finally { URL.revokeObjectURL(url) }
}

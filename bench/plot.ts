/**
 * The growth plot: each page's p50 against the dataset's scale, both axes logarithmic, one line per
 * page. Plain SVG written by hand (no dependency), for docs/benchmarks-growth.svg.
 */

export interface GrowthSeries {
  page: string;
  points: Array<{ scale: number; p50: number }>;
}

const COLORS = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
  "#393b79",
  "#637939",
];

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function growthSvg(series: readonly GrowthSeries[], title: string): string {
  const width = 900;
  const height = 520;
  const plot = { left: 70, right: 330, top: 40, bottom: 60 };
  const points = series.flatMap((s) => s.points).filter((p) => p.p50 > 0 && p.scale > 0);
  if (points.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="40"></svg>\n`;
  const scales = [...new Set(points.map((p) => p.scale))].sort((a, b) => a - b);
  const minY = 10 ** Math.floor(Math.log10(Math.min(...points.map((p) => p.p50))));
  const maxY = 10 ** Math.ceil(Math.log10(Math.max(...points.map((p) => p.p50))));
  const logMinX = Math.log10(scales[0]!);
  const logMaxX = Math.log10(scales.at(-1)!);
  const innerW = width - plot.left - plot.right;
  const innerH = height - plot.top - plot.bottom;
  const x = (scale: number) =>
    plot.left + (logMaxX === logMinX ? innerW / 2 : ((Math.log10(scale) - logMinX) / (logMaxX - logMinX)) * innerW);
  const y = (ms: number) =>
    plot.top + innerH - ((Math.log10(ms) - Math.log10(minY)) / (Math.log10(maxY) - Math.log10(minY))) * innerH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${plot.left}" y="22" font-size="14" font-weight="bold">${escape(title)}</text>`,
  ];
  // Grid: one line per power of ten (p50, ms) and per scale measured.
  for (let v = minY; v <= maxY * 1.0001; v *= 10) {
    out.push(
      `<line x1="${plot.left}" x2="${plot.left + innerW}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`,
      `<text x="${plot.left - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${v >= 1 ? v : v.toFixed(-Math.log10(v))}</text>`,
    );
  }
  for (const s of scales) {
    out.push(
      `<line x1="${x(s).toFixed(1)}" x2="${x(s).toFixed(1)}" y1="${plot.top}" y2="${plot.top + innerH}" stroke="#ddd"/>`,
      `<text x="${x(s).toFixed(1)}" y="${plot.top + innerH + 18}" text-anchor="middle">${s}</text>`,
    );
  }
  out.push(
    `<text x="${plot.left + innerW / 2}" y="${height - 16}" text-anchor="middle">dataset scale (1 = 10,000 agreements; log)</text>`,
    `<text x="18" y="${plot.top + innerH / 2}" text-anchor="middle" transform="rotate(-90 18 ${plot.top + innerH / 2})">p50 at 10 connections, ms (log)</text>`,
  );
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const pts = s.points.filter((p) => p.p50 > 0).sort((a, b) => a.scale - b.scale);
    if (pts.length > 1)
      out.push(
        `<polyline fill="none" stroke="${color}" stroke-width="2" points="${pts.map((p) => `${x(p.scale).toFixed(1)},${y(p.p50).toFixed(1)}`).join(" ")}"/>`,
      );
    for (const p of pts)
      out.push(`<circle cx="${x(p.scale).toFixed(1)}" cy="${y(p.p50).toFixed(1)}" r="3" fill="${color}"/>`);
    const ly = plot.top + 8 + i * 18;
    out.push(
      `<line x1="${width - plot.right + 20}" x2="${width - plot.right + 40}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${width - plot.right + 46}" y="${ly + 4}">${escape(s.page.slice(0, 44))}</text>`,
    );
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}

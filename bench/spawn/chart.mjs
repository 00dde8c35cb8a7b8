#!/usr/bin/env node
// Draws bench/spawn's results as an SVG, by hand (no dependencies):
//   node bench/spawn/chart.mjs [results.json] [chart.svg]     (defaults: beside this script)
// One panel per target, because their units differ (× and ms): latency ours ÷ minimal pool, burst
// ours ÷ minimal pool, first task ours − a raw worker's first round trip, and the factorial
// speedup over the main thread; then the first three again for compile mode. In each panel a bar per runtime, its value written on it, a dashed
// line at the target; a bar is green where the target is met and red where it is not.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const input = path.resolve(process.argv[2] ?? path.join(here, "results.json"));
const output = path.resolve(process.argv[3] ?? path.join(here, "chart.svg"));

const PANELS = [
  { key: "latencyOursOverMinimal", target: "latency", title: "Latency, ours ÷ minimal pool", note: "p50 of sequential tasks; lower is better", unit: "×", goal: 1.2, better: "lower" },
  { key: "burstOursOverMinimal", target: "burst", title: "Burst throughput, ours ÷ minimal pool", note: "10,000 tasks at once; higher is better", unit: "×", goal: 0.5, better: "higher" },
  { key: "firstSpawnOverheadMs", target: "firstSpawn", title: "First task, ours − raw worker's first round trip", note: "fresh process, medians; lower is better", unit: "ms", goal: 10, better: "lower" },
  { key: "cpuSpeedupOurs", target: "cpuSpeedup", title: "factorial(1000) speedup over the main thread", note: "2 workers; higher is better", unit: "×", goal: null, better: "higher" },
  // Compile mode (the same program bundled by esbuild with experimental-threads/esbuild).
  { key: "latencyCompiledOverMinimal", target: "compiledLatency", title: "Compile mode: latency ÷ minimal pool", note: "p50 of sequential tasks; lower is better", unit: "×", goal: 1.1, better: "lower" },
  { key: "burstCompiledOverMinimal", target: "compiledBurst", title: "Compile mode: burst ÷ minimal pool", note: "10,000 tasks at once; higher is better", unit: "×", goal: 0.6, better: "higher" },
  { key: "firstSpawnCompiledOverheadMs", target: "compiledFirstSpawn", title: "Compile mode: first task − raw first round trip", note: "fresh process, medians; lower is better", unit: "ms", goal: 5, better: "lower" },
];

const COLORS = { met: "#2e8540", missed: "#c0392b", unknown: "#7f8c8d", target: "#1f3a93", axis: "#555", grid: "#e3e3e3", text: "#222" };

const escape = (text) => String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const fmt = (value, unit) => (unit === "ms" ? `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(1)} ms` : `${value.toFixed(2)}×`);

/** Round tick steps (1, 2, 5 × 10^k) giving about `count` ticks over [lo, hi]. */
function ticks(lo, hi, count = 5) {
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * 0.75);
  const list = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) list.push(Number(v.toPrecision(12)));
  return list;
}

function panel(spec, runs, x0, y0, width, height) {
  const keys = Object.keys(runs);
  const rows = keys.map((key) => {
    const run = runs[key];
    const value = run.ratios?.[spec.key];
    // The speedup's target depends on the machine (0.95 × min(cores, workers)): read it per run.
    const goal = spec.goal ?? 0.95 * Math.min(run.cpus ?? 2, run.options?.workers ?? 2);
    return { key, label: key, value: Number.isFinite(value) ? value : null, met: run.targets?.[spec.target]?.met ?? null, goal };
  });
  const goals = rows.map((r) => r.goal);
  const values = rows.map((r) => r.value).filter((v) => v !== null);
  const hi = Math.max(...values, ...goals) * 1.18 || 1;
  const lo = Math.min(0, ...values) * 1.18;
  const top = y0 + 52; // room for the title and the note
  const bottom = y0 + height - 28; // room for the runtime labels
  const left = x0 + 52; // room for the tick labels
  const right = x0 + width - 12;
  const y = (v) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
  const parts = [];
  parts.push(`<text x="${x0 + 8}" y="${y0 + 20}" font-size="15" font-weight="bold" fill="${COLORS.text}">${escape(spec.title)}</text>`);
  const goalText = spec.goal === null ? `target ≥ 0.95 × cores (${Math.min(...goals).toFixed(2)}×)` : `target ${spec.better === "lower" ? "≤" : "≥"} ${fmt(spec.goal, spec.unit)}`;
  parts.push(`<text x="${x0 + 8}" y="${y0 + 38}" font-size="12" fill="${COLORS.axis}">${escape(`${spec.note}; ${goalText}`)}</text>`);
  for (const t of ticks(lo, hi)) {
    parts.push(`<line x1="${left}" x2="${right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="${COLORS.grid}"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="${COLORS.axis}">${escape(spec.unit === "ms" ? `${t}` : `${t}×`)}</text>`);
  }
  if (spec.unit === "ms") {
    parts.push(`<text x="${x0 + 14}" y="${((top + bottom) / 2).toFixed(1)}" font-size="11" fill="${COLORS.axis}" transform="rotate(-90 ${x0 + 14} ${((top + bottom) / 2).toFixed(1)})" text-anchor="middle">ms</text>`);
  }
  parts.push(`<line x1="${left}" x2="${right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="${COLORS.axis}"/>`);
  const slot = (right - left) / Math.max(rows.length, 1);
  const barWidth = Math.min(46, slot * 0.62);
  rows.forEach((row, k) => {
    const cx = left + slot * (k + 0.5);
    parts.push(`<text x="${cx.toFixed(1)}" y="${bottom + 18}" font-size="12" text-anchor="middle" fill="${COLORS.text}">${escape(row.label)}</text>`);
    if (row.value === null) {
      parts.push(`<text x="${cx.toFixed(1)}" y="${(y(0) - 6).toFixed(1)}" font-size="12" text-anchor="middle" fill="${COLORS.unknown}">n/a</text>`);
      return;
    }
    const color = row.met === true ? COLORS.met : row.met === false ? COLORS.missed : COLORS.unknown;
    const yTop = Math.min(y(row.value), y(0));
    const h = Math.max(Math.abs(y(row.value) - y(0)), 1);
    parts.push(`<rect x="${(cx - barWidth / 2).toFixed(1)}" y="${yTop.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${color}" rx="2"><title>${escape(`${row.key}: ${fmt(row.value, spec.unit)}`)}</title></rect>`);
    // The target as a dashed segment over this bar's slot (the speedup's target may differ per run),
    // drawn before the value so that the value, on a white box, stays readable where they cross.
    const yGoal = y(row.goal).toFixed(1);
    parts.push(`<line x1="${(cx - slot / 2 + 2).toFixed(1)}" x2="${(cx + slot / 2 - 2).toFixed(1)}" y1="${yGoal}" y2="${yGoal}" stroke="${COLORS.target}" stroke-width="2" stroke-dasharray="6 4"/>`);
    let labelY = row.value >= 0 ? y(row.value) - 5 : y(row.value) + 14;
    // A value just under the target line would be crossed by it: write it above the line.
    if (row.value >= 0 && labelY > y(row.goal) - 2 && labelY - 12 < y(row.goal) + 2) labelY = y(row.goal) - 5;
    const label = fmt(row.value, spec.unit);
    const labelWidth = label.length * 7.2 + 4; // bold 12px Helvetica: about 7 px a character
    parts.push(`<rect x="${(cx - labelWidth / 2).toFixed(1)}" y="${(labelY - 11).toFixed(1)}" width="${labelWidth.toFixed(1)}" height="14" fill="#fff"/>`);
    parts.push(`<text x="${cx.toFixed(1)}" y="${labelY.toFixed(1)}" font-size="12" font-weight="bold" text-anchor="middle" fill="${COLORS.text}">${escape(label)}</text>`);
  });
  return parts.join("\n");
}

const file = JSON.parse(fs.readFileSync(input, "utf8"));
const runs = file.runs ?? {};
if (Object.keys(runs).length === 0) {
  console.error(`bench/spawn/chart.mjs: no runs in ${input}`);
  process.exit(1);
}
const panelWidth = 480;
const panelHeight = 300;
const headerHeight = 64;
const width = panelWidth * 2;
const height = headerHeight + panelHeight * Math.ceil(PANELS.length / 2) + 24;
const dates = Object.values(runs).map((r) => r.date?.slice(0, 10)).filter(Boolean).sort();
const loads = Object.values(runs).flatMap((r) => [...(r.loadavgStart ?? []).slice(0, 1), ...(r.loadavgEnd ?? []).slice(0, 1)]);
const first = Object.values(runs)[0];
const subtitle =
  `${first.cpus} vCPUs (${first.cpuModel ?? "?"}), shared: 1-minute load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} during the runs; ` +
  `${dates[0]}${dates.at(-1) !== dates[0] ? ` – ${dates.at(-1)}` : ""}${Object.values(runs).some((r) => r.options?.quick) ? "; --quick (smoke check, not figures)" : ""}`;

const svg = [
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
  `<rect width="100%" height="100%" fill="#fff"/>`,
  `<text x="12" y="26" font-size="18" font-weight="bold" fill="${COLORS.text}">experimental-threads vs a minimal node:worker_threads pool, 2 workers each, per runtime</text>`,
  `<text x="12" y="46" font-size="12" fill="${COLORS.axis}">${escape(subtitle)}</text>`,
  `<rect x="${width - 300}" y="52" width="12" height="12" fill="${COLORS.met}"/><text x="${width - 284}" y="62" font-size="12" fill="${COLORS.text}">target met</text>`,
  `<rect x="${width - 210}" y="52" width="12" height="12" fill="${COLORS.missed}"/><text x="${width - 194}" y="62" font-size="12" fill="${COLORS.text}">not met</text>`,
  `<line x1="${width - 130}" x2="${width - 100}" y1="58" y2="58" stroke="${COLORS.target}" stroke-width="2" stroke-dasharray="6 4"/><text x="${width - 94}" y="62" font-size="12" fill="${COLORS.text}">target</text>`,
  ...PANELS.map((spec, k) => panel(spec, runs, (k % 2) * panelWidth, headerHeight + Math.floor(k / 2) * panelHeight + 8, panelWidth, panelHeight)),
  `</svg>`,
].join("\n");
fs.writeFileSync(output, svg + "\n");
console.log(`bench/spawn: chart ${path.relative(process.cwd(), output)}`);

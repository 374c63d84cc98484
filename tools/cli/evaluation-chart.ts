/**
 * `offside evaluate --chart FILE.svg`: the evaluation as a chart a person can read at a glance, in
 * hand-written SVG (no dependency). One bar per seller kind: for violators, the share of those that
 * acted that detection caught (suspended or not) and missed; for honest sellers, the share warned
 * and suspended. Below, the headline figures and the days from first violation to first action
 * (median and p90) on a day axis.
 */
import type { Evaluation, KindFigures } from './evaluation';

const WIDTH = 900;
const LABEL_WIDTH = 210;
const BAR_X = LABEL_WIDTH + 10;
const BAR_WIDTH = 360;
const ROW_HEIGHT = 34;
const BAR_HEIGHT = 20;

const COLOURS = {
  suspended: '#1b7837',
  caught: '#7fbf7b',
  missed: '#d6604d',
  honestSuspended: '#b2182b',
  warned: '#f4a582',
  review: '#92c5de',
  noAction: '#d9d9d9',
  text: '#222222',
  muted: '#666666',
} as const;


const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const count = (n: number) => n.toLocaleString('en-US');
const px = (n: number) => n.toFixed(1);

function text(x: number, y: number, content: string, attributes = ''): string {
  return `<text x="${px(x)}" y="${px(y)}"${attributes ? ` ${attributes}` : ''}>${escapeXml(content)}</text>`;
}

function rect(x: number, y: number, width: number, height: number, fill: string, title: string): string {
  if (width <= 0) return '';
  return `<rect x="${px(x)}" y="${px(y)}" width="${px(width)}" height="${px(height)}" fill="${fill}"><title>${escapeXml(title)}</title></rect>`;
}

/** Stacked segments of one 100% bar, left to right. */
function stackedBar(y: number, total: number, segments: readonly { count: number; fill: string; title: string }[]): string[] {
  const out = [rect(BAR_X, y, BAR_WIDTH, BAR_HEIGHT, '#f7f7f7', 'no sellers')];
  let x = BAR_X;
  for (const segment of segments) {
    const width = total === 0 ? 0 : (segment.count / total) * BAR_WIDTH;
    out.push(rect(x, y, width, BAR_HEIGHT, segment.fill, `${segment.title}: ${segment.count}`));
    x += width;
  }
  return out;
}

function kindRow(row: KindFigures, y: number): string[] {
  const honest = row.role === 'honest';
  const out = [text(LABEL_WIDTH, y + 14, `${row.kind} (${row.sellers})`, 'text-anchor="end"')];
  if (honest) {
    const warnedOnly = Math.max(0, row.warned - row.suspended);
    out.push(
      ...stackedBar(y, row.sellers, [
        { count: row.suspended, fill: COLOURS.honestSuspended, title: 'suspended' },
        { count: warnedOnly, fill: COLOURS.warned, title: 'warned, not suspended' },
        { count: row.review, fill: COLOURS.review, title: 'case for review, no notice' },
        { count: row.sellers - row.withCase, fill: COLOURS.noAction, title: 'no action' },
      ]),
      text(BAR_X + BAR_WIDTH + 10, y + 14, `warned ${row.warned} (${pct(row.sellers === 0 ? 0 : row.warned / row.sellers)}), review ${row.review}, suspended ${row.suspended}`),
    );
    return out;
  }
  const caught = Math.min(row.withCase, row.acted);
  const suspended = Math.min(row.suspended, caught);
  out.push(
    ...stackedBar(y, row.acted, [
      { count: suspended, fill: COLOURS.suspended, title: 'caught and suspended' },
      { count: caught - suspended, fill: COLOURS.caught, title: 'caught, not suspended' },
      { count: row.acted - caught, fill: COLOURS.missed, title: 'missed' },
    ]),
    text(
      BAR_X + BAR_WIDTH + 10,
      y + 14,
      row.acted === 0 ? 'none acted' : `caught ${caught} of ${row.acted} (${pct(caught / row.acted)}); ${row.visible} visible`,
    ),
  );
  return out;
}

function legend(y: number): string[] {
  const items = [
    { fill: COLOURS.suspended, label: 'caught, suspended' },
    { fill: COLOURS.caught, label: 'caught' },
    { fill: COLOURS.missed, label: 'missed' },
    { fill: COLOURS.warned, label: 'honest, warned' },
    { fill: COLOURS.review, label: 'honest, for review' },
    { fill: COLOURS.honestSuspended, label: 'honest, suspended' },
    { fill: COLOURS.noAction, label: 'no action' },
  ];
  const out: string[] = [];
  let x = 20;
  for (const item of items) {
    out.push(`<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${item.fill}"/>`, text(x + 17, y, item.label, 'font-size="12"'));
    x += 30 + item.label.length * 6.6;
  }
  return out;
}

/** The days-to-first-action axis, with the median and p90 marked. */
function delayAxis(evaluation: Evaluation, y: number): string[] {
  const { median, p90, measured } = evaluation.daysToFirstAction;
  const out = [text(20, y, 'Days from first violation to first rung applied', 'font-weight="bold"')];
  if (median === null || p90 === null) {
    out.push(text(20, y + 24, 'no violator received an action', `fill="${COLOURS.muted}"`));
    return out;
  }
  const maxDays = Math.max(1, Math.ceil((p90 * 1.25) / 5) * 5);
  const x0 = BAR_X;
  const scale = (days: number) => x0 + (Math.min(days, maxDays) / maxDays) * BAR_WIDTH;
  const axisY = y + 40;
  out.push(`<line x1="${px(x0)}" y1="${px(axisY)}" x2="${px(x0 + BAR_WIDTH)}" y2="${px(axisY)}" stroke="${COLOURS.muted}"/>`);
  const step = maxDays <= 10 ? 1 : maxDays <= 30 ? 5 : 10;
  for (let day = 0; day <= maxDays; day += step) {
    out.push(
      `<line x1="${px(scale(day))}" y1="${px(axisY)}" x2="${px(scale(day))}" y2="${px(axisY + 5)}" stroke="${COLOURS.muted}"/>`,
      text(scale(day), axisY + 18, String(day), `text-anchor="middle" font-size="11" fill="${COLOURS.muted}"`),
    );
  }
  out.push(
    `<rect x="${px(x0)}" y="${px(axisY - 14)}" width="${px(scale(p90) - x0)}" height="10" fill="${COLOURS.caught}" opacity="0.6"><title>90% of first actions within ${p90} days</title></rect>`,
    `<circle cx="${px(scale(median))}" cy="${px(axisY - 9)}" r="6" fill="${COLOURS.suspended}"><title>median ${median} days</title></circle>`,
    text(scale(median), axisY - 20, `median ${median} d`, 'text-anchor="middle" font-size="12"'),
    text(scale(p90) + 6, axisY - 5, `p90 ${p90} d`, 'font-size="12"'),
    text(LABEL_WIDTH, axisY + 4, `${measured} violators acted on`, `text-anchor="end" font-size="12" fill="${COLOURS.muted}"`),
    text(x0 + BAR_WIDTH / 2, axisY + 34, 'days', `text-anchor="middle" font-size="11" fill="${COLOURS.muted}"`),
  );
  return out;
}

/** The evaluation as a standalone SVG document. */
export function evaluationChart(evaluation: Evaluation, subtitle = ''): string {
  const body: string[] = [];
  let y = 30;
  body.push(text(20, y, 'Offside on a simulated marketplace: who detection caught', 'font-size="18" font-weight="bold"'));
  y += 20;
  const { events } = evaluation;
  body.push(
    text(
      20,
      y,
      `${count(evaluation.sellers)} sellers (${count(evaluation.violators)} violators, ${count(evaluation.honest)} honest); ${count(events.accepted)} events` +
        (subtitle ? `; ${subtitle}` : ''),
      `font-size="12" fill="${COLOURS.muted}"`,
    ),
  );
  y += 26;
  body.push(...legend(y));
  y += 18;
  body.push(
    text(
      BAR_X,
      y + 6,
      'violators: share of those that acted ("visible": left a trace the platform sees); honest sellers: share of all',
      `font-size="11" fill="${COLOURS.muted}"`,
    ),
  );
  y += 16;
  for (const row of evaluation.byKind) {
    body.push(...kindRow(row, y));
    y += ROW_HEIGHT;
  }
  y += 16;
  const headline = [
    `violators caught (with a case): ${pct(evaluation.recall)} of those that acted, ${pct(evaluation.recallVisible)} of those the platform could see (warned: ${pct(evaluation.warnedVisible)})`,
    `cases against violators (precision): ${pct(evaluation.precision)}`,
    `honest sellers warned: ${pct(evaluation.honestWarnedRate)}; for review (no notice): ${pct(evaluation.honestReviewRate)}; suspended: ${evaluation.honestSuspended}`,
  ];
  for (const line of headline) {
    body.push(text(20, y, line, 'font-size="13"'));
    y += 20;
  }
  y += 16;
  body.push(...delayAxis(evaluation, y));
  y += 90;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${y}" viewBox="0 0 ${WIDTH} ${y}" font-family="Helvetica, Arial, sans-serif" font-size="13" fill="${COLOURS.text}">`,
    `<title>Offside evaluation: per seller kind, caught and missed; honest sellers warned and suspended; days to first action</title>`,
    `<rect width="${WIDTH}" height="${y}" fill="#ffffff"/>`,
    ...body.filter((part) => part !== ''),
    '</svg>',
    '',
  ].join('\n');
}

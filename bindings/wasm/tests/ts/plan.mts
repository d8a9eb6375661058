// A strict TypeScript consumer of `jindu/plan`: levelling, loading, health, tracking and charts.

import { alerts, clientView, evm, health, level, load, renderChart, renderGantt, report, scores, whatIf } from 'jindu/plan';
import type { Evm, GanttOptions, Health, Levelled, Loading, RiskScores, ScoreFactorCode, ScoreOptions, TrackAlert, TrackOptions, WhatIf } from 'jindu/plan';
import type { ProjectDocument } from 'jindu';

const doc: ProjectDocument = {
  name: 'Typed', start: '2026-01-05', status_date: '2026-01-07T17:00',
  tasks: [{ id: 'A', duration: '2d' }, { id: 'B', duration: '2d' }],
  resources: [{ id: 'ana' }],
  assignments: [{ task: 'A', resource: 'ana' }, { task: 'B', resource: 'ana' }],
};

const l: Levelled = level([doc, JSON.stringify(doc)], { within_float: true, seed: 2 });
const delay: number = l.projects[0].delays[0].delay_minutes;
const reason = l.projects[0].delays[0].reason;
if (reason.kind === 'resource') {
  const by: number = reason.by[0].project;
  void by;
}
const lo: Loading = load(doc, { by: 'day', from: '2026-01-05' });
const pct: number | null = lo.resources[0].periods[0].load_percent;
const h: Health = health(doc, { thresholds: { cpli: 0.9 } });
const failing: string[] = h.checks.filter((c) => c.status === 'fail').map((c) => c.code);
const dangling: string[] = h.additional.flatMap((c) => (c.gaps ?? []).filter((g) => g.kind === 'dangling_start').map((g) => g.task));
const so: ScoreOptions = { weights: { float: 2 }, iterations: 100, seed: 7, status_date: '2026-01-07T17:00', max_warnings: 10, default_estimate: { optimistic_percent: -10, pessimistic_percent: 25, shape: 'pert' } };
const rs: RiskScores = scores(doc, so);
const top: number = rs.tasks[0].factors[0].points;
const missing: ScoreFactorCode[] = rs.tasks[0].missing;
const high: boolean = rs.warnings.some((w) => w.severity === 'high' && w.code === 'low_float') || rs.warnings_dropped > 0;
const o: TrackOptions = { status_date: '2026-01-07T17:00', eac: 'cpi_spi', lang: 'zh-CN' };
const e: Evm = evm(doc, o);
const spi: number | null = e.spi;
const a: TrackAlert[] = alerts(doc);
const md = report(doc, { format: 'markdown' });
const cv = clientView(doc);
const w: WhatIf = whatIf(doc, [{ op: 'set_duration', task: 'B', duration: '3d' }]);
const g: GanttOptions = { width: 800, theme: 'dark', locale: 'zh-CN' };
const svg: string = renderGantt(doc, g);
const any: string = renderChart(doc, 'histogram', { width: 600 });

// @ts-expect-error: not a period
load(doc, { by: 'fortnight' });
// @ts-expect-error: not a theme
renderGantt(doc, { theme: 'blue' });
// @ts-expect-error: not an EAC method
evm(doc, { eac: 'guess' });
// @ts-expect-error: score options are snake_case
scores(doc, { warnAt: 0.5 });
// @ts-expect-error: not a factor
const notFactor: ScoreFactorCode = 'luck';
// @ts-expect-error: levelling options are snake_case
level(doc, { withinFloat: true });
// @ts-expect-error: a chart is text
const notObject: Health = renderChart(doc, 'gantt');

void [delay, lo, pct, failing, dangling, rs, top, missing, high, notFactor, spi, a, md, cv, w, svg, any, notObject];

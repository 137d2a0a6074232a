// Prints the results of bench/run.js as plain-text tables.
'use strict';

const { round } = require('./targets');

function table(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function spread(s) {
  return s ? `${round(s.min)}-${round(s.max)}` : '';
}

function figureRow(f) {
  if (f.unavailable) {
    return [f.id, f.label, 'not available yet', '', '', '', '', '', f.unavailable];
  }
  if (f.failed) {
    return [f.id, f.label, 'FAILED', '', '', '', '', '', f.failed.split('\n')[0]];
  }
  const o = f.outputs;
  return [
    f.id,
    f.label,
    f.ms ? round(f.ms.median) : '',
    spread(f.ms),
    f.ms ? `${round(f.ms.q1)}-${round(f.ms.q3)}` : '',
    f.cpuMs ? round(f.cpuMs.median) : '',
    f.inProcessMs ? round(f.inProcessMs.median) : '',
    f.rssMb ? round(f.rssMb.median) : '',
    o ? `${o.objects} (${o.terraformResources} tf + ${o.kubernetesObjects} k8s)` : '',
  ];
}

function printReport(results) {
  const out = [];
  out.push(
    `cdktf-aks-network benchmark, ${results.date}, ${results.machine.node}, ${results.machine.cpus} cpu(s), ` +
      `${results.method.runs} runs (+${results.method.warmupRuns} warm-up), load avg before ${results.machine.loadAverageBefore[0]}`,
  );
  out.push(`floor provider modules (${results.floorModules.list.length}): ${results.floorModules.source}`);
  const b = results.bundle;
  if (b) {
    out.push(
      b.missing
        ? `esbuild bundle of the flagship: ${b.missing}`
        : `esbuild bundle of the flagship: ${round(b.bytes / 1024)} KB in ${b.ms} ms, ${b.esbuildWarnings} warning(s)`,
    );
  }
  if (results.method.compileMs !== undefined) {
    out.push(`npm run compile (jsii), once before the figures: ${results.method.compileMs} ms`);
  }
  out.push('');
  out.push(
    table(
      ['id', 'figure', 'wall ms (median)', 'min-max', 'IQR', 'cpu ms', 'in-process ms', 'peak RSS MB', 'objects'],
      [...results.figures, ...(results.commands || [])].map(figureRow),
    ),
  );
  for (const [name, group] of Object.entries(results.scaling)) {
    if (group.points.length === 0) {
      continue;
    }
    out.push('');
    out.push(`scaling: ${name}`);
    out.push(
      table(
        ['units', 'wall ms', 'work ms', 'ms/unit', 'objects', 'tf', 'k8s', 'objects/unit', 'RSS MB'],
        group.points.map((p) => [p.units, p.wallMs, `${p.workMs} (${p.workBasis === 'wall' ? 'wall' : 'in-proc'})`, p.msPerUnit, p.objects, p.terraformResources, p.kubernetesObjects, p.objectsPerUnit, p.rssMb ?? '']),
      ),
    );
    out.push(`marginal objects per unit: ${group.marginalObjects.map((m) => `${m.from}->${m.to}: ${m.objectsPerUnit}`).join(', ')}`);
  }
  out.push('');
  out.push('targets');
  out.push(
    table(
      ['target', 'value', 'limit', 'result', 'note'],
      results.targets.map((t) => [t.name, t.value ?? '', t.limit ?? '', t.result, t.note ? String(t.note).split('\n')[0] : '']),
    ),
  );
  console.log(out.join('\n'));
}

module.exports = { printReport };

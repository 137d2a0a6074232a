// The targets the figures are held against, and the scaling summary they rest on.
'use strict';

const LIMITS = {
  flagshipOverFloor: 1.3,
  flagshipOverPeer: 0.15,
  // the library stays free: the same output written by hand with deep imports
  flagshipOverPeerDeep: 1.05,
  nsLargeOverSmall: 11,
  npmTestS: 60,
  bundledOverFlagship: 0.7,
  gatewayOverNginx: 1.1,
  npmSynthOverBefore: 0.5,
  // linear would be 5x; 20 % slack
  spokesLargeOverSmall: 6,
};
const SPOKES_SMALL = 10;
const SPOKES_LARGE = 50;
const NS_SMALL = 20;
const NS_LARGE = 200;

function median(fig) {
  return fig && fig.ms ? fig.ms.median : undefined;
}

/** The in-process time (build + synth) where the driver reports it, else the wall time. */
function workMs(fig) {
  if (fig.inProcessMs) {
    return { ms: fig.inProcessMs.median, basis: 'in-process build+synth' };
  }
  return { ms: median(fig), basis: 'wall' };
}

function ratioTarget(name, a, b, limit, why) {
  if (a === undefined || b === undefined) {
    return { name, limit: `<= ${limit}x`, result: 'n/a', note: why };
  }
  const ratio = a / b;
  return { name, value: round(ratio, 2), limit: `<= ${limit}x`, result: ratio <= limit ? 'pass' : 'miss' };
}

function scalingGroup(byId, prefix, counts) {
  const points = counts
    .map((n) => byId[`${prefix}-${n}`])
    .filter((f) => f && f.ms && f.outputs)
    .map((f) => {
      const work = workMs(f);
      return {
        units: f.units,
        wallMs: round(f.ms.median),
        workMs: round(work.ms),
        workBasis: work.basis,
        msPerUnit: round(work.ms / f.units, 2),
        objects: f.outputs.objects,
        terraformResources: f.outputs.terraformResources,
        kubernetesObjects: f.outputs.kubernetesObjects,
        objectsPerUnit: round(f.outputs.objects / f.units, 2),
        rssMb: f.rssMb && round(f.rssMb.median),
      };
    });
  // Objects added per extra unit between consecutive points: constant when the output is linear.
  const marginal = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    marginal.push({ from: a.units, to: b.units, objectsPerUnit: round((b.objects - a.objects) / (b.units - a.units), 3) });
  }
  return { points, marginalObjects: marginal };
}

function evaluateTargets(byId, npmTest, { instructions, namespaceCounts, clusterCounts, spokeCounts, compileMs }) {
  const namespaces = scalingGroup(byId, 'ns', namespaceCounts);
  const clusters = scalingGroup(byId, 'clusters', clusterCounts);
  const spokes = scalingGroup(byId, 'spokes', spokeCounts);
  const list = [];
  const notYet = (id) => (byId[id] && (byId[id].unavailable || byId[id].failed)) || `${id} not measured`;

  list.push(
    ratioTarget('flagship / floor (wall)', median(byId.flagship), median(byId.floor), LIMITS.flagshipOverFloor, notYet('flagship')),
  );
  list.push(
    ratioTarget('flagship / peer (wall)', median(byId.flagship), median(byId.peer), LIMITS.flagshipOverPeer, notYet('flagship')),
  );

  list.push(
    ratioTarget(
      'bundled-flagship / flagship (wall)',
      median(byId['bundled-flagship']),
      median(byId.flagship),
      LIMITS.bundledOverFlagship,
      notYet('bundled-flagship'),
    ),
  );
  list.push(
    ratioTarget(
      'flagship (Gateway API) / flagship-nginx (wall)',
      median(byId.flagship),
      median(byId['flagship-nginx']),
      LIMITS.gatewayOverNginx,
      notYet('flagship-nginx'),
    ),
  );
  const bundled = byId['bundled-flagship'];
  if (bundled && bundled.cpuMs && byId.flagship && byId.flagship.cpuMs) {
    list.push({
      name: 'bundled-flagship / flagship (cpu; information)',
      value: round(bundled.cpuMs.median / byId.flagship.cpuMs.median, 2),
      result: 'info',
    });
  }
  if (bundled && bundled.outputs && byId.flagship && byId.flagship.outputs) {
    const same = JSON.stringify(bundled.outputs) === JSON.stringify(byId.flagship.outputs);
    list.push({ name: 'bundled-flagship writes as many objects as flagship', result: same ? 'pass' : 'miss' });
  }

  // `npm run synth` against what it replaced: a full jsii compile, then the CLI.
  const npmSynth = median(byId['npm-synth']);
  const cliSynth = median(byId['cdktf-synth']);
  const before = compileMs !== undefined && cliSynth !== undefined ? compileMs + cliSynth : undefined;
  list.push(
    ratioTarget(
      'npm run synth / (compile + cdktf synth), the script it replaced (wall)',
      npmSynth,
      before,
      LIMITS.npmSynthOverBefore,
      compileMs === undefined ? 'compile not timed (BENCH_SKIP_COMPILE=1)' : notYet('npm-synth'),
    ),
  );
  if (npmSynth !== undefined && compileMs !== undefined && before !== undefined) {
    list.push({
      name: 'npm run synth after a library change (compile + npm run synth) / before (information)',
      value: round((compileMs + npmSynth) / before, 2),
      result: 'info',
    });
  }

  // What the same output costs the frameworks alone (hand-written, deep imports): the part of the
  // flagship's time over the floor that no library on top of them can remove.
  if (median(byId['peer-deep']) !== undefined && median(byId.floor) !== undefined) {
    list.push({
      name: 'peer-deep / floor (wall; information)',
      value: round(median(byId['peer-deep']) / median(byId.floor), 2),
      result: 'info',
    });
    if (median(byId.flagship) !== undefined) {
      list.push({
        name: 'flagship - peer-deep: library cost (wall ms; information)',
        value: round(median(byId.flagship) - median(byId['peer-deep'])),
        result: 'info',
      });
    }
  }

  const cpu = (fig) => (fig && fig.cpuMs ? fig.cpuMs.median : undefined);
  if (cpu(byId.flagship) !== undefined) {
    for (const other of ['floor', 'peer']) {
      if (cpu(byId[other]) !== undefined) {
        list.push({
          name: `flagship / ${other} (cpu; information)`,
          value: round(cpu(byId.flagship) / cpu(byId[other]), 2),
          result: 'info',
        });
      }
    }
  }

  list.push(...instructionTargets(instructions, byId));
  if (cpu(byId.flagship) !== undefined && cpu(byId['peer-deep']) !== undefined) {
    list.push(ratioTarget('flagship / peer-deep (cpu)', cpu(byId.flagship), cpu(byId['peer-deep']), LIMITS.flagshipOverPeerDeep));
  }

  const small = byId[`ns-${NS_SMALL}`];
  const large = byId[`ns-${NS_LARGE}`];
  const scaled =
    small && large && small.ms && large.ms
      ? ratioTarget(
          `ns-${NS_LARGE} / ns-${NS_SMALL} (${workMs(large).basis})`,
          workMs(large).ms,
          workMs(small).ms,
          LIMITS.nsLargeOverSmall,
        )
      : { name: `ns-${NS_LARGE} / ns-${NS_SMALL}`, limit: `<= ${LIMITS.nsLargeOverSmall}x`, result: 'n/a', note: notYet(`ns-${NS_LARGE}`) };
  list.push(scaled);
  if (small && large && small.ms && large.ms) {
    list.push({
      name: `ns-${NS_LARGE} / ns-${NS_SMALL} (wall, start-up included; information only)`,
      value: round(median(large) / median(small), 2),
      result: 'info',
    });
  }

  const perNs = namespaces.marginalObjects.map((m) => m.objectsPerUnit);
  list.push(
    perNs.length >= 2
      ? {
          name: 'objects per namespace constant (marginal, between sizes)',
          value: perNs.join(' / '),
          limit: 'all equal',
          result: perNs.every((v) => v === perNs[0]) ? 'pass' : 'miss',
        }
      : { name: 'objects per namespace constant', limit: 'all equal', result: 'n/a', note: notYet(`ns-${NS_LARGE}`) },
  );
  const perCluster = clusters.marginalObjects.map((m) => m.objectsPerUnit);
  if (perCluster.length >= 2) {
    list.push({
      name: 'objects per cluster constant (information)',
      value: perCluster.join(' / '),
      result: perCluster.every((v) => v === perCluster[0]) ? 'info: constant' : 'info: varies',
    });
  }

  const spokesSmall = byId[`spokes-${SPOKES_SMALL}`];
  const spokesLarge = byId[`spokes-${SPOKES_LARGE}`];
  if (spokesSmall && spokesLarge && spokesSmall.ms && spokesLarge.ms) {
    list.push(
      ratioTarget(
        `spokes-${SPOKES_LARGE} / spokes-${SPOKES_SMALL} (${workMs(spokesLarge).basis})`,
        workMs(spokesLarge).ms,
        workMs(spokesSmall).ms,
        LIMITS.spokesLargeOverSmall,
      ),
    );
    const perSpoke = spokes.marginalObjects.map((m) => m.objectsPerUnit);
    list.push({
      name: 'objects per spoke constant (marginal, between sizes)',
      value: perSpoke.join(' / '),
      limit: 'all equal',
      result: perSpoke.length >= 2 && perSpoke.every((v) => v === perSpoke[0]) ? 'pass' : 'miss',
    });
  } else {
    list.push({
      name: `spokes-${SPOKES_LARGE} / spokes-${SPOKES_SMALL}`,
      limit: `<= ${LIMITS.spokesLargeOverSmall}x`,
      result: 'n/a',
      note: notYet(`spokes-${SPOKES_LARGE}`),
    });
  }

  if (npmTest.skipped) {
    list.push({ name: 'npm test wall', limit: `<= ${LIMITS.npmTestS} s`, result: 'n/a', note: `skipped (${npmTest.skipped})` });
  } else {
    const s = npmTest.ms / 1000;
    const passed = npmTest.status === 0;
    list.push({
      name: 'npm test wall',
      value: `${round(s, 1)} s`,
      limit: `<= ${LIMITS.npmTestS} s`,
      result: s <= LIMITS.npmTestS ? 'pass' : 'miss',
      note: passed ? 'npm test passed' : `npm test FAILED in: ${npmTest.failedSteps.join(', ')}; time = ${npmTest.basis}`,
    });
  }

  const libImport = median(byId['lib-import']);
  const peersImport = median(byId['peers-import']);
  if (libImport !== undefined && peersImport !== undefined) {
    list.push({
      name: 'library import over its peers alone (information)',
      value: `${libImport >= peersImport ? '+' : ''}${round(libImport - peersImport)} ms (${round(libImport / peersImport, 2)}x)`,
      result: 'info',
    });
  }
  return { list, scaling: { namespaces, clusters, spokes } };
}

/** flagship / peer-deep and flagship / flagship-nginx in instructions, where valgrind counted them. */
function instructionTargets(instructions, byId) {
  const counts = (instructions && instructions.counts) || {};
  const n = (id) => (typeof counts[id] === 'number' ? counts[id] : undefined);
  const why = (id) =>
    (instructions && instructions.skipped) || (counts[id] && counts[id].failed) || (byId[id] && (byId[id].unavailable || byId[id].failed)) || `${id} not counted`;
  return [
    ratioTarget('flagship / peer-deep (instructions)', n('flagship'), n('peer-deep'), LIMITS.flagshipOverPeerDeep, why(n('flagship') === undefined ? 'flagship' : 'peer-deep')),
    ratioTarget('flagship (Gateway API) / flagship-nginx (instructions)', n('flagship'), n('flagship-nginx'), LIMITS.gatewayOverNginx, why(n('flagship') === undefined ? 'flagship' : 'flagship-nginx')),
  ];
}

function round(x, digits = 0) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

module.exports = { evaluateTargets, LIMITS, round };

// The targets the figures are held against, and the scaling summary they rest on.
'use strict';

const LIMITS = {
  flagshipOverFloor: 1.3,
  flagshipOverPeer: 0.15,
  nsLargeOverSmall: 11,
  npmTestS: 60,
};
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

function evaluateTargets(byId, npmTest, { namespaceCounts, clusterCounts }) {
  const namespaces = scalingGroup(byId, 'ns', namespaceCounts);
  const clusters = scalingGroup(byId, 'clusters', clusterCounts);
  const list = [];
  const notYet = (id) => (byId[id] && (byId[id].unavailable || byId[id].failed)) || `${id} not measured`;

  list.push(
    ratioTarget('flagship / floor (wall)', median(byId.flagship), median(byId.floor), LIMITS.flagshipOverFloor, notYet('flagship')),
  );
  list.push(
    ratioTarget('flagship / peer (wall)', median(byId.flagship), median(byId.peer), LIMITS.flagshipOverPeer, notYet('flagship')),
  );

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
  return { list, scaling: { namespaces, clusters } };
}

function round(x, digits = 0) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

module.exports = { evaluateTargets, LIMITS, round };

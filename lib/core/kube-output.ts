// Writing a cdk8s app's manifests from bodies already rendered, as cdk8s 2.70's `App.synth()` writes
// them: the synthesis renders every object once for its checks and writes exactly those bodies,
// instead of letting `App.synth()` validate the whole app again and render every object a second time.
// Only the output types the library's users need are written here (a file per chart, one file for
// the app); anything else, and construct metadata, takes cdk8s's own path.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph, Names, Yaml, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';

/** Write `app` to its outdir with the bodies given — falls back to `app.synth()` where it cannot. */
export function writeManifests(app: App, bodyOf: (obj: ApiObject) => unknown): void {
  const recordsMetadata = (app as unknown as { recordConstructMetadata?: boolean }).recordConstructMetadata;
  const supported = [YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_APP].includes(app.yamlOutputType);
  if (!supported || recordsMetadata) {
    app.synth();
    return;
  }
  fs.mkdirSync(app.outdir, { recursive: true });
  const dependantCharts = resolveDependencies(app);
  const charts = app.charts;
  const objectsOf = (chart: Chart) => chartObjects(chart).map(bodyOf);
  if (app.yamlOutputType === YamlOutputType.FILE_PER_APP) {
    if (charts.length > 0) {
      Yaml.save(path.join(app.outdir, `app${app.outputFileExtension}`), charts.flatMap(objectsOf));
    }
    return;
  }
  charts.forEach((chart, index) => {
    const name = dependantCharts
      ? `${index.toString().padStart(4, '0')}-${Names.toDnsLabel(chart)}`
      : Names.toDnsLabel(chart);
    Yaml.save(path.join(app.outdir, `${name}${app.outputFileExtension}`), objectsOf(chart));
  });
}

/** The objects of a chart in cdk8s's order (dependency topology — nested charts' objects are theirs). */
function chartObjects(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node)
    .topology()
    .filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
}

/**
 * cdk8s's dependency inference before writing: nested charts and construct dependencies across charts
 * become chart dependencies, construct dependencies become object dependencies. Returns whether any
 * chart depends on another (cdk8s then prefixes file names with an index).
 */
function resolveDependencies(app: App): boolean {
  const all = app.node.findAll();
  let dependantCharts = false;
  for (const parent of all.filter((c): c is Chart => c instanceof Chart)) {
    for (const child of parent.node.children.filter((c): c is Chart => c instanceof Chart)) {
      parent.node.addDependency(child);
      dependantCharts = true;
    }
  }
  const dependencies = () =>
    all.flatMap((source) => source.node.dependencies.map((target) => ({ source, target })));
  for (const { source, target } of dependencies()) {
    if (Chart.of(source) !== Chart.of(target)) {
      Chart.of(source).node.addDependency(Chart.of(target));
      dependantCharts = true;
    }
  }
  const objectsUnder = (c: IConstruct, chart: Chart) =>
    c.node.findAll().filter((x): x is ApiObject => x instanceof ApiObject && Chart.of(x) === chart);
  // as cdk8s does: the dependencies again, now with the chart dependencies just added
  for (const { source, target } of dependencies()) {
    const targets = objectsUnder(target, Chart.of(target));
    for (const from of objectsUnder(source, Chart.of(source))) {
      for (const to of targets.filter((t) => t !== from)) from.node.addDependency(to);
    }
  }
  return dependantCharts;
}

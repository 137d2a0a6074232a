// Preload (`node --require bench/record-modules.js ...`): at exit, writes to $BENCH_RECORD_FILE
// the provider modules the process loaded, as deep-import specifiers
// (`@cdktf/provider-azurerm/lib/<resource>`), sorted, plus the names of all packages loaded from
// node_modules. Loading the package root shows up as `@cdktf/provider-azurerm`.
'use strict';

const fs = require('fs');

const RESOURCE = /[\\/]node_modules[\\/]@cdktf[\\/]provider-azurerm[\\/]lib[\\/]([^\\/]+)[\\/]/;
const BARREL = /[\\/]node_modules[\\/]@cdktf[\\/]provider-azurerm[\\/]lib[\\/]index\.js$/;
const PACKAGE = /^.*[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/;

process.on('exit', () => {
  const file = process.env.BENCH_RECORD_FILE;
  if (!file) {
    return;
  }
  const found = new Set();
  const packages = new Set();
  for (const loaded of Object.keys(require.cache)) {
    const pkg = PACKAGE.exec(loaded);
    if (pkg) {
      packages.add(pkg[1].replace(/\\/g, '/'));
    }
    const m = RESOURCE.exec(loaded);
    if (m) {
      found.add(`@cdktf/provider-azurerm/lib/${m[1]}`);
    } else if (BARREL.test(loaded)) {
      found.add('@cdktf/provider-azurerm');
    }
  }
  const record = { providerModules: [...found].sort(), packages: [...packages].sort() };
  fs.writeFileSync(file, JSON.stringify(record, null, 2));
});

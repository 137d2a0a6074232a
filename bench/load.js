// `node bench/load.js <module>...`: require each module, then exit. Measures pure load cost.
'use strict';

for (const specifier of process.argv.slice(2)) {
  require(specifier);
}

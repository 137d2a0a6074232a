// Preload (`node --require bench/max-rss.js ...`): writes the process's peak RSS in kB to
// $BENCH_RSS_FILE at exit. Used where /usr/bin/time is missing.
'use strict';

const fs = require('fs');

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) {
    fs.writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
  }
});

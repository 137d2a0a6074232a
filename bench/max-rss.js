// Preload (`node --require bench/max-rss.js ...`): writes the process's peak RSS (kB) and CPU time
// (user + system, ms) as JSON to $BENCH_RSS_FILE at exit. Used where /usr/bin/time is missing.
'use strict';

const fs = require('fs');

process.on('exit', () => {
  if (process.env.BENCH_RSS_FILE) {
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    fs.writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs }));
  }
});

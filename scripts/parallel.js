#!/usr/bin/env node
// `node scripts/parallel.js "<command>" "<command>" ...`: runs every command at once in a shell,
// prints each one's output whole when it ends (outputs never interleave), then a summary; exits 1
// when any command failed, after all have ended, so every failure is shown in one run.
'use strict';

const { spawn } = require('child_process');

const commands = process.argv.slice(2);
if (commands.length === 0) {
  process.stderr.write('usage: node scripts/parallel.js "<command>" ["<command>" ...]\n');
  process.exit(2);
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function run(command) {
  return new Promise((resolve) => {
    const start = Date.now();
    const output = [];
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    const finish = (ok, status) => {
      const ms = Date.now() - start;
      const text = Buffer.concat(output).toString('utf8').trimEnd();
      process.stdout.write(`\n=== ${command}: ${ok ? 'ok' : `FAILED (${status})`}, ${seconds(ms)}\n`);
      if (text) {
        process.stdout.write(`${text}\n`);
      }
      resolve({ command, ok, status, ms });
    };
    child.on('error', (err) => finish(false, err.message));
    child.on('close', (code, signal) => finish(code === 0, signal ? `signal ${signal}` : `exit ${code}`));
  });
}

const started = Date.now();
Promise.all(commands.map(run)).then((results) => {
  const failed = results.filter((r) => !r.ok);
  process.stdout.write(`\n=== ${results.length} commands in ${seconds(Date.now() - started)}`);
  process.stdout.write(failed.length === 0 ? ', all ok\n' : `; FAILED: ${failed.map((r) => r.command).join('; ')}\n`);
  process.exitCode = failed.length === 0 ? 0 : 1;
});

import { types } from 'util';

// cdktf and constructs record a complete stack for every token and metadata entry they create, by
// capturing it on a plain object. Under jest every frame of those goes through source-map-support,
// about a third of the time of a synthesizing test. Those records are only ever printed (in an
// error about the token), so they keep V8's own format and Node's default depth, the innermost ten
// frames; the stacks of errors (failed assertions included) are still mapped to the TypeScript lines.
const mapped = Error.prepareStackTrace;
const RECORDED_FRAMES = 10;

function v8Format(holder: unknown, frames: NodeJS.CallSite[]): string {
  const lines = frames.slice(0, RECORDED_FRAMES).map((frame) => `    at ${frame.toString()}`);
  return [String(holder), ...lines].join('\n');
}

if (mapped) {
  Error.prepareStackTrace = (error, frames) =>
    types.isNativeError(error) ? mapped(error, frames) : v8Format(error, frames);
}

import * as path from 'path';
import { IConstruct } from 'constructs';

/** The library's compiled code: its frames are left out of an error's stack. */
const LIBRARY_DIR = path.resolve(__dirname, '..') + path.sep;

/**
 * The one error type of the library. Its message always carries three parts: where (the kind and
 * path of the construct, added by this class), what is wrong with which value, and the fix.
 *
 * Constructs throw it with themselves as `scope`. Value classes (factories such as `Port.tcp`) throw
 * it without a scope and name the factory in the problem: no construct has seen the value yet; the
 * construct that receives a value checks what it needs of it and throws with its own path.
 *
 * @see https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/core/lib/errors.ts
 */
export class AksNetworkError extends Error {
  /** The construct path the problem belongs to (none for an error thrown by a value class). */
  declare public readonly constructPath?: string;
  /** What is wrong, naming the bad value. */
  declare public readonly problem: string;
  /** How to fix it. */
  declare public readonly fix: string;

  /**
   * @param problem what is wrong, naming the bad value
   * @param fix how to fix it
   * @param scope the construct the problem belongs to; its kind and path start the message
   */
  constructor(problem: string, fix: string, scope?: IConstruct) {
    // the frames are captured once, below, for the stack without the library's own frames
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`${scope ? `${where(scope)}: ` : ''}${problem}; ${fix}`);
    Error.stackTraceLimit = limit;
    this.name = 'AksNetworkError';
    // not enumerable: Node prints an uncaught error's own properties after its stack, which would
    // repeat the message as problem and fix
    const hidden = (key: string, value: unknown) =>
      Object.defineProperty(this, key, { value, enumerable: false, writable: false, configurable: true });
    hidden('constructPath', scope?.node.path);
    hidden('problem', problem);
    hidden('fix', fix);
    // formatted when first read, not here: value classes' errors are often caught (isValid), and
    // formatting a stack costs more than building the error
    const frames: { stack?: string } = {};
    Error.captureStackTrace(frames, new.target);
    Object.defineProperty(this, 'stack', {
      configurable: true,
      enumerable: false,
      get: () => {
        const stack = withoutLibraryFrames(frames.stack, `${this.name}: ${this.message}`);
        Object.defineProperty(this, 'stack', {
          value: stack,
          configurable: true,
          enumerable: false,
          writable: true,
        });
        return stack;
      },
      set: (value: string) => {
        Object.defineProperty(this, 'stack', {
          value,
          configurable: true,
          enumerable: false,
          writable: true,
        });
      },
    });
  }
}

/**
 * The stack without the library's own frames (and Node's internals): the message names the
 * construct already, the frames left point at the user's code that created it or started synthesis.
 */
function withoutLibraryFrames(stack: string | undefined, header: string): string {
  const frames = (stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .filter((line) => !line.includes(LIBRARY_DIR) && !line.includes('node:internal'));
  return [header, ...frames].join('\n');
}

/** The one error of a failed synthesis: every problem once, each naming its construct. */
export function synthesisError(problems: ReadonlyArray<string>): AksNetworkError {
  return new AksNetworkError(
    `${problems.length} problem(s) found, nothing was written:\n  ${problems.join('\n  ')}`,
    'fix the inputs named above and synthesize again',
  );
}

/** How messages name a construct: its class and path, e.g. `AksCluster prod/Aks`. */
export function where(scope: IConstruct): string {
  return `${scope.constructor.name || 'Construct'} ${scope.node.path || '<root>'}`;
}

/**
 * Tests for the library's error. The error class itself is not part of the jsii API (it extends
 * `Error`, which jsii cannot export); TypeScript users can import it from
 * `cdktf-aks-network/lib/core/errors`, every language can ask these.
 */
export class Errors {
  /** Whether `thrown` is an error of this library (a bad input, with construct path, value and fix). */
  public static isAksNetworkError(thrown: unknown): boolean {
    return thrown instanceof AksNetworkError;
  }

  private constructor() {}
}

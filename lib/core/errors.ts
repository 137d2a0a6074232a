/**
 * The one error type of the library. Its message always carries three parts:
 * where (the construct path, or the planner's subject), what is wrong with which value, and the fix.
 *
 * Pure TypeScript on purpose: the address planner throws it too.
 */
export class AksNetworkError extends Error {
  /** The construct path or planner subject the problem belongs to. */
  public readonly subject: string;
  /** What is wrong, naming the bad value. */
  public readonly problem: string;
  /** How to fix it. */
  public readonly fix: string;

  constructor(subject: string, problem: string, fix: string) {
    super(`${subject}: ${problem}; ${fix}`);
    this.name = 'AksNetworkError';
    this.subject = subject;
    this.problem = problem;
    this.fix = fix;
  }

  /** The same problem, re-addressed to a construct path (the planner does not know the tree). */
  public at(subject: string): AksNetworkError {
    return new AksNetworkError(subject, this.problem, this.fix);
  }
}

/** Throw an {@link AksNetworkError}. */
export function fail(subject: string, problem: string, fix: string): never {
  throw new AksNetworkError(subject, problem, fix);
}

/** Run `fn`; a planner error thrown inside is re-addressed to `subject`. */
export function within<T>(subject: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AksNetworkError) {
      throw e.at(subject);
    }
    throw e;
  }
}

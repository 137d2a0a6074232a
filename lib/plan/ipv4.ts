import { IConstruct } from 'constructs';
import { AksNetworkError } from '../core/errors';

/** IPv4 arithmetic on unsigned 32-bit integers (kept as JS numbers, always in [0, 2^32)). */

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Parse dotted-quad IPv4 text — `undefined` when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) {
    return undefined;
  }
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** Parse dotted-quad IPv4 text or throw a planner error naming `what`. */
export function requireIpv4(text: string, what: string, scope?: IConstruct): number {
  const value = parseIpv4(text.trim());
  if (value === undefined) {
    throw new AksNetworkError(
      `${what} '${text}' is not an IPv4 address`,
      'write four decimal octets 0-255 without spaces or leading zeros, e.g. 10.0.0.10',
      scope,
    );
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Number of addresses in a block of the given prefix length. */
export function blockSize(prefixLength: number): number {
  return 2 ** (32 - prefixLength);
}

import { IConstruct } from 'constructs';
import { AksNetworkError } from '../core/errors';
import { blockSize, formatIpv4, parseIpv4 } from './ipv4';

/** Azure keeps the first four and the last address of every subnet. */
export const AZURE_RESERVED_LEADING = 4;
/** Azure keeps the last address of every subnet (broadcast). */
export const AZURE_RESERVED_TRAILING = 1;

/**
 * An IPv4 CIDR block, e.g. `10.240.0.0/16`. Immutable; host bits are refused.
 *
 * @see https://learn.microsoft.com/azure/virtual-network/ip-services/private-ip-addresses
 */
export class Cidr {
  /**
   * Parse `a.b.c.d/n`. Host bits set is an error that names the corrected block.
   * @param scope the construct whose input this is (its path goes into the error)
   */
  public static parse(text: string, scope?: IConstruct): Cidr {
    return parseRange(text, { scope });
  }

  /** Whether `text` parses as an IPv4 CIDR without host bits. */
  public static isValid(text: string): boolean {
    try {
      Cidr.parse(text);
      return true;
    } catch {
      return false;
    }
  }

  private static maskOff(address: number, prefixLength: number): number {
    const size = blockSize(prefixLength);
    return address - (address % size);
  }

  /** The network address as an unsigned 32-bit integer. */
  public readonly networkValue: number;
  /** The prefix length, 0-32. */
  public readonly prefixLength: number;

  private constructor(networkValue: number, prefixLength: number) {
    this.networkValue = networkValue;
    this.prefixLength = prefixLength;
  }

  /** Total number of addresses in the block. */
  public get size(): number {
    return blockSize(this.prefixLength);
  }

  /** Addresses a VM, pod or load balancer can get in an Azure subnet of this size (size - 5). */
  public get azureUsableCount(): number {
    return Math.max(0, this.size - AZURE_RESERVED_LEADING - AZURE_RESERVED_TRAILING);
  }

  /** The network (first) address. */
  public get firstAddress(): string {
    return formatIpv4(this.networkValue);
  }

  /** The last address of the block. */
  public get lastAddress(): string {
    return formatIpv4(this.lastValue);
  }

  /** The first address Azure hands out in a subnet of this block (network + 4). */
  public get firstAzureUsable(): string {
    return this.azureUsable(0);
  }

  /** The last address Azure hands out in a subnet of this block (broadcast - 1). */
  public get lastAzureUsable(): string {
    return this.azureUsable(this.azureUsableCount - 1);
  }

  private get lastValue(): number {
    return this.networkValue + this.size - 1;
  }

  /** The n-th address of the block, counting from 0 at the network address. */
  public nthAddress(n: number): string {
    if (!Number.isInteger(n) || n < 0 || n >= this.size) {
      throw new AksNetworkError(
        `address index ${n} is outside ${this.toString()} (${this.size} addresses)`,
        `use an index from 0 to ${this.size - 1}`,
      );
    }
    return formatIpv4(this.networkValue + n);
  }

  /** The n-th address Azure hands out in a subnet of this block, counting from 0 at network + 4. */
  public azureUsable(n: number): string {
    if (!Number.isInteger(n) || n < 0 || n >= this.azureUsableCount) {
      throw new AksNetworkError(
        `usable address index ${n} is outside ${this.toString()} (${this.azureUsableCount} usable addresses)`,
        this.azureUsableCount > 0
          ? `use an index from 0 to ${this.azureUsableCount - 1}`
          : 'use a subnet of /29 or larger',
      );
    }
    return formatIpv4(this.networkValue + AZURE_RESERVED_LEADING + n);
  }

  /** Whether `other` lies entirely inside this block. */
  public contains(other: Cidr): boolean {
    return other.networkValue >= this.networkValue && other.lastValue <= this.lastValue;
  }

  /** Whether the IPv4 address `address` lies inside this block. */
  public containsAddress(address: string): boolean {
    const value = parseIpv4(address);
    return value !== undefined && value >= this.networkValue && value <= this.lastValue;
  }

  /** Whether the address is one of the five Azure keeps in a subnet of this block. */
  public isAzureReserved(address: string): boolean {
    const value = parseIpv4(address);
    if (value === undefined || !this.containsAddress(address)) {
      return false;
    }
    const offset = value - this.networkValue;
    return offset < AZURE_RESERVED_LEADING || value > this.lastValue - AZURE_RESERVED_TRAILING;
  }

  /** Whether the two blocks share at least one address. */
  public overlaps(other: Cidr): boolean {
    return this.networkValue <= other.lastValue && other.networkValue <= this.lastValue;
  }

  /** Split into blocks of `prefixLength` (which must not be shorter than this block's). */
  public subdivide(prefixLength: number): Cidr[] {
    if (!Number.isInteger(prefixLength) || prefixLength < this.prefixLength || prefixLength > 32) {
      throw new AksNetworkError(
        `cannot split ${this.toString()} into /${prefixLength} blocks`,
        `choose a prefix length from ${this.prefixLength} to 32`,
      );
    }
    const step = blockSize(prefixLength);
    const count = this.size / step;
    const blocks: Cidr[] = [];
    for (let i = 0; i < count; i++) {
      blocks.push(new Cidr(this.networkValue + i * step, prefixLength));
    }
    return blocks;
  }

  /** How many blocks of `prefixLength` fit in this block. */
  public countOf(prefixLength: number): number {
    return prefixLength < this.prefixLength ? 0 : 2 ** (prefixLength - this.prefixLength);
  }

  /** The block of the same length right after this one, if it still fits in IPv4. */
  public next(): Cidr | undefined {
    const start = this.lastValue + 1;
    return start >= 2 ** 32 ? undefined : new Cidr(start, this.prefixLength);
  }

  /** Whether both denote the same block. */
  public sameAs(other: Cidr): boolean {
    return this.networkValue === other.networkValue && this.prefixLength === other.prefixLength;
  }

  /** Canonical `a.b.c.d/n` text. */
  public toString(): string {
    return `${this.firstAddress}/${this.prefixLength}`;
  }

  /** Internal: the block starting at `value` (assumed aligned). */
  public static fromValue(networkValue: number, prefixLength: number): Cidr {
    return new Cidr(Cidr.maskOff(networkValue, prefixLength), prefixLength);
  }
}

/** How `parseRange` names and reads a value. */
export interface RangeInput {
  /** What the value is, for the message, e.g. `authorized IP range`. */
  readonly what?: string;
  /** The construct whose input it is. */
  readonly scope?: IConstruct;
  /** Whether a bare address is accepted (as its /32). */
  readonly allowAddress?: boolean;
}

/**
 * The one parse of an address range as users write it, `a.b.c.d/n` (or `a.b.c.d` where a bare
 * address is accepted): every caller gets the same messages, and a block with host bits set
 * always names the block meant.
 */
export function parseRange(text: string, input: RangeInput = {}): Cidr {
  const { what, scope, allowAddress = false } = input;
  const subject = what ? `${what} '${text}'` : `'${text}'`;
  const trimmed = typeof text === 'string' ? text.trim() : '';
  if (allowAddress && parseIpv4(trimmed) !== undefined) {
    return Cidr.fromValue(parseIpv4(trimmed)!, 32);
  }
  const match = /^([^/\s]+)\/(\d{1,2})$/.exec(trimmed);
  const address = match ? parseIpv4(match[1]) : undefined;
  const prefixLength = match ? Number(match[2]) : NaN;
  if (!match || address === undefined || prefixLength > 32) {
    throw new AksNetworkError(
      `${subject} is not an IPv4 ${allowAddress ? 'address or CIDR' : 'CIDR'}`,
      `write it as ${allowAddress ? 'a.b.c.d or ' : ''}a.b.c.d/n with octets 0-255 and a prefix length 0-32, e.g. ${allowAddress ? '203.0.113.0/24' : '10.240.0.0/16'}`,
      scope,
    );
  }
  const network = Cidr.fromValue(address, prefixLength);
  if (network.networkValue !== address) {
    const single = allowAddress ? ` (or ${match[1]}/32 for the one address)` : '';
    throw new AksNetworkError(
      `${what ? `${what} ` : ''}${trimmed} has host bits set`,
      `did you mean ${network}${single}?`,
      scope,
    );
  }
  return network;
}

/** The smallest prefix length whose block holds `count` addresses (plus `reserved` kept by the platform). */
export function smallestPrefixFor(count: number, reserved = 0): number {
  const needed = count + reserved;
  for (let prefix = 32; prefix >= 0; prefix--) {
    if (blockSize(prefix) >= needed) {
      return prefix;
    }
  }
  return -1;
}

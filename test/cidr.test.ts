import { Cidr } from '../lib/plan/cidr';

describe('Cidr', () => {
  test.each([
    ['10.1.0.0/16', '10.1.0.0', '10.1.255.255', 65536],
    ['0.0.0.0/0', '0.0.0.0', '255.255.255.255', 4294967296],
    ['10.0.0.7/32', '10.0.0.7', '10.0.0.7', 1],
    ['192.168.1.0/24', '192.168.1.0', '192.168.1.255', 256],
  ])('%s spans %s..%s (%d addresses)', (text, first, last, size) => {
    const c = Cidr.parse(text);
    expect(c.firstAddress).toBe(first);
    expect(c.lastAddress).toBe(last);
    expect(c.size).toBe(size);
    expect(c.toString()).toBe(text);
  });

  test.each([
    ['10.1.2.0/16', 'did you mean 10.1.0.0/16?'],
    ['10.0.0.1/31', 'did you mean 10.0.0.0/31?'],
    ['192.168.1.77/24', 'did you mean 192.168.1.0/24?'],
  ])('host bits in %s are refused with the corrected block', (text, hint) => {
    expect(() => Cidr.parse(text)).toThrow(hint);
  });

  test.each(['10.0 .0 .0 /8', '10.0.0.0', '10.0.0.0/33', '256.0.0.0/8', '10.0.0/8', '01.0.0.0/8', ''])(
    'malformed %p is refused',
    (text) => {
      expect(() => Cidr.parse(text)).toThrow(/is not an IPv4 CIDR/);
    },
  );
});

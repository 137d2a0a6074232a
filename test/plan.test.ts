import { AddressPlan, AddressPlanProps } from '../lib/plan/address-plan';
import { PodAddressing, PoolDemand } from '../lib/plan/capacity';
import { Cidr } from '../lib/plan/cidr';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AksNetworkError, Errors } from '../lib/core/errors';

const vnet = (extra: Partial<AddressPlanProps> = {}): AddressPlan =>
  new AddressPlan({ vnetAddressSpaces: ['10.240.0.0/16'], ...extra });

describe('Cidr arithmetic', () => {
  test.each([
    ['10.0.0.0/8', '10.1.0.0/16', true],
    ['10.1.0.0/16', '10.0.0.0/8', false],
    ['10.0.0.0/24', '10.0.0.0/24', true],
    ['0.0.0.0/0', '192.168.0.1/32', true],
    ['10.0.0.0/24', '10.0.1.0/24', false],
  ])('%s contains %s: %s', (a, b, expected) => {
    expect(Cidr.parse(a).contains(Cidr.parse(b))).toBe(expected);
  });

  test.each([
    ['10.0.0.0/24', '10.0.1.0/24', false], // adjacent
    ['10.0.0.0/23', '10.0.1.0/24', true],
    ['10.0.0.255/32', '10.0.0.0/24', true], // last address
    ['10.0.1.0/32', '10.0.0.0/24', false], // first address after
    ['0.0.0.0/0', '8.8.8.8/32', true],
  ])('%s overlaps %s: %s (both ways)', (a, b, expected) => {
    expect(Cidr.parse(a).overlaps(Cidr.parse(b))).toBe(expected);
    expect(Cidr.parse(b).overlaps(Cidr.parse(a))).toBe(expected);
  });

  test('usable addresses skip the five Azure keeps', () => {
    const c = Cidr.parse('10.240.4.0/24');
    expect(c.azureUsableCount).toBe(251);
    expect(c.firstAzureUsable).toBe('10.240.4.4');
    expect(c.lastAzureUsable).toBe('10.240.4.254');
    expect(c.azureUsable(6)).toBe('10.240.4.10');
    expect(c.isAzureReserved('10.240.4.3')).toBe(true);
    expect(c.isAzureReserved('10.240.4.255')).toBe(true);
    expect(c.isAzureReserved('10.240.4.4')).toBe(false);
    expect(() => c.azureUsable(251)).toThrow(
      /usable address index 251 is outside 10.240.4.0\/24 \(251 usable/,
    );
    expect(Cidr.parse('10.0.0.0/30').azureUsableCount).toBe(0);
  });

  test('nth address and subdivide', () => {
    const c = Cidr.parse('10.0.0.0/22');
    expect(c.nthAddress(0)).toBe('10.0.0.0');
    expect(c.nthAddress(1023)).toBe('10.0.3.255');
    expect(() => c.nthAddress(1024)).toThrow(
      /address index 1024 is outside 10.0.0.0\/22 \(1024 addresses\); use an index from 0 to 1023/,
    );
    expect(c.subdivide(24).map(String)).toEqual(['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24']);
    expect(Cidr.parse('10.0.0.0/32').subdivide(32).map(String)).toEqual(['10.0.0.0/32']);
    expect(() => c.subdivide(21)).toThrow(
      /cannot split 10.0.0.0\/22 into \/21 blocks; choose a prefix length from 22 to 32/,
    );
    expect(Cidr.parse('255.255.255.0/24').next()).toBeUndefined();
    expect(String(Cidr.parse('10.0.0.0/24').next())).toBe('10.0.1.0/24');
  });
});

describe('AddressPlan rules', () => {
  const bad: Array<[string, () => unknown, RegExp]> = [
    [
      'no VNet space',
      () => new AddressPlan({ vnetAddressSpaces: [] }),
      /the VNet has no address space; give at least one/,
    ],
    [
      'host bits in the VNet',
      () => new AddressPlan({ vnetAddressSpaces: ['10.240.1.0/16'] }),
      /did you mean 10.240.0.0\/16\?/,
    ],
    [
      'overlapping VNet spaces',
      () => new AddressPlan({ vnetAddressSpaces: ['10.0.0.0/16', '10.0.128.0/17'] }),
      /VNet address space 10.0.128.0\/17 overlaps VNet address space 10.0.0.0\/16/,
    ],
    [
      'VNet over 172.16.0.0/12 hits reserved 172.30',
      () => new AddressPlan({ vnetAddressSpaces: ['172.16.0.0/12'] }),
      /overlaps 172.30.0.0\/16 \(reserved by AKS\)/,
    ],
    [
      'VNet in link-local',
      () => new AddressPlan({ vnetAddressSpaces: ['169.254.0.0/24'] }),
      /overlaps 169.254.0.0\/16 \(link-local\)/,
    ],
    [
      'VNet on TEST-NET-1',
      () => new AddressPlan({ vnetAddressSpaces: ['192.0.2.0/25'] }),
      /overlaps 192.0.2.0\/24/,
    ],
    [
      'VNet over an external range',
      () => vnet({ externalRanges: [{ name: 'on-premises', cidr: '10.240.128.0/20' }] }),
      /VNet address space 10.240.0.0\/16 overlaps external range on-premises 10.240.128.0\/20/,
    ],
    [
      'subnet outside the VNet',
      () => vnet().addSubnet('nodes', '10.241.0.0/24'),
      /subnet nodes 10.241.0.0\/24 is not inside the VNet \(10.240.0.0\/16\)/,
    ],
    [
      'subnet straddling the VNet edge',
      () => new AddressPlan({ vnetAddressSpaces: ['10.240.0.0/24'] }).addSubnet('a', '10.240.0.0/23'),
      /is not inside the VNet/,
    ],
    [
      'overlapping sibling subnets',
      () => {
        const p = vnet();
        p.addSubnet('a', '10.240.0.0/22');
        p.addSubnet('b', '10.240.3.0/24');
      },
      /subnet b 10.240.3.0\/24 overlaps subnet a 10.240.0.0\/22/,
    ],
    [
      'duplicate subnet name',
      () => {
        const p = vnet();
        p.addSubnet('a', '10.240.0.0/24');
        p.addSubnet('a', '10.240.1.0/24');
      },
      /subnet name 'a' is used twice/,
    ],
    [
      'subnet /30 below Azure minimum',
      () => vnet().addSubnet('tiny', '10.240.0.0/30'),
      /smaller than Azure's smallest subnet; use a \/29 or larger/,
    ],
    [
      'firewall subnet /27',
      () => vnet().addSubnet('AzureFirewallSubnet', '10.240.0.0/27'),
      /too small for Azure Firewall; make AzureFirewallSubnet a \/26 or larger/,
    ],
    [
      'firewall management subnet /28',
      () => vnet().addSubnet('AzureFirewallManagementSubnet', '10.240.0.0/28'),
      /make AzureFirewallManagementSubnet a \/26/,
    ],
    [
      'subnet name too long',
      () => vnet().addSubnet('s'.repeat(64), '10.240.0.0/24'),
      /subnet name 's{64}' has 64 characters; use 1-63 characters \(AKS limit\)/,
    ],
    [
      'subnet name with a space',
      () => vnet().addSubnet('my subnet', '10.240.0.0/24'),
      /subnet name 'my subnet' has characters Azure does not allow/,
    ],
    [
      'subnet name ending in a period',
      () => vnet().addSubnet('nodes.', '10.240.0.0/24'),
      /has characters Azure does not allow/,
    ],
    [
      'service CIDR over the VNet',
      () => vnet().useClusterRanges({ serviceCidr: '10.240.0.0/16', dnsServiceIp: '10.240.0.10' }),
      /service CIDR 10.240.0.0\/16 overlaps VNet address space 10.240.0.0\/16/,
    ],
    [
      'service CIDR larger than /12',
      () => vnet().useClusterRanges({ serviceCidr: '10.0.0.0/11', dnsServiceIp: '10.0.0.10' }),
      /service CIDR 10.0.0.0\/11 is larger than Kubernetes allows; use a \/12 or smaller/,
    ],
    [
      'service CIDR on reserved 172.30',
      () => vnet().useClusterRanges({ serviceCidr: '172.30.0.0/16', dnsServiceIp: '172.30.0.10' }),
      /service CIDR 172.30.0.0\/16 overlaps 172.30.0.0\/16/,
    ],
    [
      'DNS IP outside the service CIDR',
      () => vnet().useClusterRanges({ serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.1.0.10' }),
      /DNS service IP 10.1.0.10 is outside service CIDR 10.0.0.0\/16; pick an address inside it, e.g. 10.0.0.10/,
    ],
    [
      'DNS IP is the network address',
      () => vnet().useClusterRanges({ serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.0' }),
      /DNS service IP 10.0.0.0 is the network address/,
    ],
    [
      'DNS IP is kubernetes.default',
      () => vnet().useClusterRanges({ serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.1' }),
      /is the first address of service CIDR 10.0.0.0\/16 \(taken by kubernetes.default\)/,
    ],
    [
      'DNS IP malformed',
      () => vnet().useClusterRanges({ serviceCidr: '10.0.0.0/16', dnsServiceIp: '10.0.0.300' }),
      /DNS service IP 10.0.0.300 is outside/,
    ],
    [
      'pod CIDR over the VNet',
      () => vnet().useClusterRanges({ podCidr: '10.240.0.0/14' }),
      /pod CIDR 10.240.0.0\/14 overlaps VNet address space 10.240.0.0\/16/,
    ],
    [
      'pod CIDR over the service CIDR',
      () => vnet().useClusterRanges({ podCidr: '10.0.0.0/14' }),
      /pod CIDR 10.0.0.0\/14 overlaps service CIDR 10.0.0.0\/16/,
    ],
    [
      'pod CIDR over on-premises',
      () =>
        vnet({ externalRanges: [{ name: 'on-premises', cidr: '10.244.0.0/16' }] }).useClusterRanges({
          podCidr: '10.244.0.0/16',
        }),
      /pod CIDR 10.244.0.0\/16 overlaps external range on-premises 10.244.0.0\/16/,
    ],
    [
      'external range over a subnet',
      () => {
        const p = vnet();
        p.addSubnet('a', '10.240.0.0/24');
        p.addExternalRange('hub', '10.240.0.0/24');
      },
      /external range hub 10.240.0.0\/24 overlaps VNet address space 10.240.0.0\/16/,
    ],
    [
      'external range over the pod CIDR',
      () => {
        const p = vnet();
        p.useClusterRanges({ podCidr: '10.244.0.0/16' });
        p.addExternalRange('peer', '10.244.8.0/24');
      },
      /external range peer 10.244.8.0\/24 overlaps pod CIDR 10.244.0.0\/16/,
    ],
    [
      'carving past the end',
      () => {
        const p = new AddressPlan({ vnetAddressSpaces: ['10.240.0.0/24'] });
        p.carveSubnet('a', 25);
        p.carveSubnet('b', 25);
        p.carveSubnet('c', 29);
      },
      /no free \/29 left for subnet c in 10.240.0.0\/24/,
    ],
    [
      'carving bigger than the VNet',
      () => new AddressPlan({ vnetAddressSpaces: ['10.240.0.0/24'] }).carveSubnet('a', 23),
      /no free \/23 left/,
    ],
  ];
  test.each(bad)('%s', (_name, act, message) => {
    expect(act).toThrow(AksNetworkError);
    expect(act).toThrow(message);
  });

  test('errors carry problem and fix, and the construct path when the planner is given its scope', () => {
    let err: AksNetworkError | undefined;
    try {
      vnet().addSubnet('nodes', '10.241.0.0/24');
    } catch (e) {
      err = e as AksNetworkError;
    }
    expect(err).toBeInstanceOf(AksNetworkError);
    expect(Errors.isAksNetworkError(err)).toBe(true);
    expect(err!.constructPath).toBeUndefined();
    expect(err!.problem).toBe('subnet nodes 10.241.0.0/24 is not inside the VNet (10.240.0.0/16)');
    expect(err!.fix).toBe('pick a block inside one VNet address space or add a space that contains it');
    expect(err!.message).toBe(`${err!.problem}; ${err!.fix}`); // no 'address plan:' subject any more
    const scope = new Construct(new TerraformStack(Testing.app(), 'Prod'), 'Aks');
    expect(() => vnet().addSubnet('nodes', '10.241.0.0/24', scope)).toThrow(
      /^Construct Prod\/Aks: subnet nodes 10.241.0.0\/24 is not inside/,
    );
    expect(() => new AddressPlan({ vnetAddressSpaces: ['10.0.0.0/33'] }, scope)).toThrow(
      /^Construct Prod\/Aks: VNet address space '10.0.0.0\/33' is not an IPv4 CIDR/,
    );
    expect(() => Cidr.parse('10.0.0.1/8', scope)).toThrow(
      /^Construct Prod\/Aks: 10.0.0.1\/8 has host bits set/,
    );
    expect(Errors.isAksNetworkError(new Error('x'))).toBe(false);
  });

  test('external ranges may sit in AKS-reserved space (on-premises is not ours)', () => {
    expect(() => vnet({ externalRanges: [{ name: 'on-premises', cidr: '172.16.0.0/12' }] })).not.toThrow();
  });

  test('carving packs subnets in order, aligned to their size', () => {
    const p = vnet();
    expect(p.carveSubnet('nodes', 22).cidr).toBe('10.240.0.0/22');
    expect(p.carveSubnet('ingress', 28).cidr).toBe('10.240.4.0/28');
    expect(p.carveSubnet('AzureFirewallSubnet', 26).cidr).toBe('10.240.4.64/26');
    expect(p.carveSubnet('pods', 20).cidr).toBe('10.240.16.0/20');
    expect(p.subnets.map((s) => s.name)).toEqual(['nodes', 'ingress', 'AzureFirewallSubnet', 'pods']);
  });

  test('carving fills gaps first fit', () => {
    const p = vnet();
    p.addSubnet('a', '10.240.8.0/22');
    expect(p.carveSubnet('b', 22).cidr).toBe('10.240.0.0/22');
    expect(p.carveSubnet('c', 21).cidr).toBe('10.240.16.0/21');
    expect(p.carveSubnet('d', 23).cidr).toBe('10.240.4.0/23');
  });

  test('carving moves on to the next address space when one is full', () => {
    const p = new AddressPlan({ vnetAddressSpaces: ['10.240.0.0/24', '10.250.0.0/16'] });
    p.carveSubnet('a', 24);
    expect(p.carveSubnet('b', 24).cidr).toBe('10.250.0.0/24');
  });

  test('defaults: service 10.0.0.0/16, DNS 10.0.0.10', () => {
    const p = vnet();
    p.useClusterRanges({ podCidr: '10.244.0.0/16' });
    expect([p.serviceCidr, p.dnsServiceIp, p.podCidr]).toEqual(['10.0.0.0/16', '10.0.0.10', '10.244.0.0/16']);
  });
});

describe('capacity per model', () => {
  const pool = (maxNodes: number, maxPods: number, extra: Partial<PoolDemand> = {}): PoolDemand => ({
    name: 'system',
    nodeSubnetName: 'nodes',
    maxNodes,
    maxSurgeNodes: 1,
    maxPods,
    ...extra,
  });
  const planWith = (nodes: string, extra: (p: AddressPlan) => void = () => undefined): AddressPlan => {
    const p = vnet();
    p.addSubnet('nodes', nodes);
    extra(p);
    return p;
  };

  test('flat CNI: (50 + 1) × (30 + 1) = 1581 fits a /21 exactly, not a /22', () => {
    const demand = { addressing: PodAddressing.NODE_SUBNET, pools: [pool(50, 30)] };
    expect(planWith('10.240.0.0/21').checkCapacity(demand)[0]).toMatchObject({
      needed: 1581,
      available: 2043,
    });
    expect(() => planWith('10.240.0.0/22').checkCapacity(demand)).toThrow(
      /node subnet nodes 10.240.0.0\/22 holds 1019 usable addresses but needs 1581 \(\(50 \+ 1\) × \(30 \+ 1\)\); use a \/21 or larger/,
    );
  });

  test('flat CNI off by one: 251 usable in a /24 fits (7 + 1) × (30 + 1) + 3 ILB = 251, not 252', () => {
    const fits = { addressing: PodAddressing.NODE_SUBNET, pools: [pool(7, 30)], internalLoadBalancerIps: 3 };
    expect(planWith('10.240.0.0/24').checkCapacity(fits)[0].needed).toBe(251);
    expect(() => planWith('10.240.0.0/24').checkCapacity({ ...fits, internalLoadBalancerIps: 4 })).toThrow(
      /needs 252 .*use a \/23 or larger/,
    );
  });

  test('dynamic pod subnet: nodes in the node subnet, 16-address batches in the pod subnet', () => {
    const demand = { addressing: PodAddressing.POD_SUBNET, pools: [pool(30, 50, { podSubnetName: 'pods' })] };
    const fits = planWith('10.240.0.0/24', (p) => p.addSubnet('pods', '10.240.16.0/21'));
    expect(fits.checkCapacity(demand).map((l) => [l.addressRange, l.needed, l.available])).toEqual([
      ['node subnet nodes 10.240.0.0/24', 31, 251],
      ['pod subnet pods 10.240.16.0/21', 31 * 64, 2043],
    ]);
    const tooSmall = planWith('10.240.0.0/24', (p) => p.addSubnet('pods', '10.240.16.0/22'));
    expect(() => tooSmall.checkCapacity(demand)).toThrow(
      /pod subnet pods 10.240.16.0\/22 holds 1019 usable addresses but needs 1984.*use a \/21 or larger/,
    );
  });

  test('the deprecated CapacityLine.range is addressRange', () => {
    const lines = planWith('10.240.0.0/24').checkCapacity({
      addressing: PodAddressing.POD_SUBNET,
      pools: [pool(3, 30)],
    });
    expect(lines.map((l) => l.range)).toEqual(lines.map((l) => l.addressRange));
  });

  test('overlay: one /24 per node from the pod CIDR', () => {
    const plan = planWith('10.240.0.0/24', (p) => p.useClusterRanges({ podCidr: '10.244.0.0/22' }));
    expect(plan.checkCapacity({ addressing: PodAddressing.OVERLAY, pools: [pool(3, 250)] })[1]).toMatchObject(
      {
        needed: 4,
        available: 4,
      },
    );
    expect(() => plan.checkCapacity({ addressing: PodAddressing.OVERLAY, pools: [pool(4, 250)] })).toThrow(
      /pod CIDR 10.244.0.0\/22 holds 4 \/24 blocks but needs 5 .*use a \/21 or larger/,
    );
  });

  test('overlay pod CIDR must be private or shared address space', () => {
    const plan = planWith('10.240.0.0/24', (p) => p.useClusterRanges({ podCidr: '20.0.0.0/16' }));
    expect(() => plan.checkCapacity({ addressing: PodAddressing.OVERLAY, pools: [pool(3, 250)] })).toThrow(
      /pod CIDR 20.0.0.0\/16 is not a private \(RFC 1918\) or shared \(RFC 6598\) range/,
    );
    const shared = planWith('10.240.0.0/24', (p) => p.useClusterRanges({ podCidr: '100.64.0.0/16' }));
    expect(() =>
      shared.checkCapacity({ addressing: PodAddressing.OVERLAY, pools: [pool(3, 250)] }),
    ).not.toThrow();
  });

  test('overlay without a pod CIDR', () => {
    expect(() =>
      planWith('10.240.0.0/24').checkCapacity({ addressing: PodAddressing.OVERLAY, pools: [pool(3, 250)] }),
    ).toThrow(/overlay addressing has no pod CIDR; set podCidr/);
  });

  test('kubenet: 400 nodes at most, counting surge', () => {
    const plan = planWith('10.240.0.0/22', (p) => p.useClusterRanges({ podCidr: '10.244.0.0/15' }));
    expect(() =>
      plan.checkCapacity({ addressing: PodAddressing.KUBENET, pools: [pool(399, 110)] }),
    ).not.toThrow();
    expect(() => plan.checkCapacity({ addressing: PodAddressing.KUBENET, pools: [pool(400, 110)] })).toThrow(
      /kubenet with 401 nodes \(max nodes \+ surge\) exceeds the 400-node limit.*Azure CNI Overlay/,
    );
  });

  test('node subnets are summed per subnet across pools', () => {
    const plan = planWith('10.240.0.0/26');
    const pools = [pool(30, 250), pool(30, 250, { name: 'user' })];
    expect(() => plan.checkCapacity({ addressing: PodAddressing.BYO, pools })).toThrow(
      /node subnet nodes 10.240.0.0\/26 holds 59 usable addresses but needs 62 \(30 \+ 1 \+ 30 \+ 1\); use a \/25/,
    );
  });

  test.each([
    ['max nodes 0', pool(0, 30), /node pool system has max nodes 0; use a whole number of at least 1/],
    ['max pods 0', pool(3, 0), /has max pods 0/],
    ['negative surge', pool(3, 30, { maxSurgeNodes: -1 }), /has max surge nodes -1/],
  ])('bad demand: %s', (_n, p, message) => {
    expect(() =>
      planWith('10.240.0.0/24').checkCapacity({ addressing: PodAddressing.BYO, pools: [p] }),
    ).toThrow(message);
  });

  test('pools on an unknown subnet', () => {
    expect(() =>
      planWith('10.240.0.0/24').checkCapacity({
        addressing: PodAddressing.BYO,
        pools: [pool(3, 30, { nodeSubnetName: 'other' })],
      }),
    ).toThrow(/there is no subnet 'other'/);
  });
});

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
